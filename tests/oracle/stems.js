// Test oracle: stem words with lunr.js and with our client's stemmer (static/search.js).
// Usage: node stems.js SEARCH_JS < words.json  -> JSON {word: [lunr, ours]}
"use strict";
const fs = require("fs");
const lunr = require("lunr");
global.window = {};
global.document = { readyState: "complete", getElementById: () => null };
eval(fs.readFileSync(process.argv[2], "utf8"));
const words = JSON.parse(fs.readFileSync(0, "utf8"));
const out = {};
for (const w of words) out[w] = [lunr.stemmer(new lunr.Token(w)).toString(), window.ArchiveSearch.stem(w)];
process.stdout.write(JSON.stringify(out));
