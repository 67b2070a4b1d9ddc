// Test oracle: load search/lunr-index.json with lunr.js and run queries.
// Usage: node lunr_search.js INDEX.json '["query", ...]'  -> JSON {query: [[ref, score], ...]}
"use strict";
const fs = require("fs");
const lunr = require("lunr");
const index = lunr.Index.load(JSON.parse(fs.readFileSync(process.argv[2], "utf8")));
const out = {};
for (const q of JSON.parse(process.argv[3])) {
  out[q] = index.search(q).map((r) => [r.ref, r.score]);
}
process.stdout.write(JSON.stringify(out));
