/* article-archive search client: our own small vanilla JS, no dependencies.
 *
 * It reads the sharded index under search/ (format: docs/search-format.md),
 * loading each piece as a <script> so it works from file:// as well as from
 * any host, and only the pieces a query needs. Queries use lunr's syntax and
 * are scored exactly as lunr.js 2.3.9 scores them (BM25, per-field query
 * vectors), from raw counts and one small statistics file.
 *
 * Everything shown comes from scraped pages: it is inserted as text, never HTML.
 */
(function () {
  "use strict";

  // ---- loading data files -------------------------------------------------

  var received = Object.create(null);
  var waiting = Object.create(null);

  window.ArchiveSearch = {
    receive: function (name, data) {
      received[name] = data;
      (waiting[name] || []).forEach(function (resolve) { resolve(data); });
      delete waiting[name];
    }
  };

  var loads = Object.create(null);
  function load(name) {
    if (name in received) return Promise.resolve(received[name]);
    if (loads[name]) return loads[name];
    loads[name] = new Promise(function (resolve, reject) {
      (waiting[name] = waiting[name] || []).push(resolve);
      var script = document.createElement("script");
      script.src = name + ".js";
      script.async = true;
      script.onerror = function () {
        delete loads[name];
        reject(new Error("could not load search/" + name + ".js"));
      };
      document.head.appendChild(script);
    });
    return loads[name];
  }

  // ---- text to terms: the same pipeline as generator/search/tokens.py ------

  var WORD = /[\p{L}\p{N}\p{M}_]/u;
  var TRIM = /^[^\p{L}\p{N}\p{M}_]+|[^\p{L}\p{N}\p{M}_]+$/gu;
  var POSSESSIVE = /['\u2019]s$/;
  var CJK = /[\u1100-\u11ff\u2e80-\u2fdf\u3040-\u30ff\u3100-\u318f\u31a0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff]|[\ud840-\ud87f][\udc00-\udfff]/;
  var CJK_RUNS = /((?:[\u1100-\u11ff\u2e80-\u2fdf\u3040-\u30ff\u3100-\u318f\u31a0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff]|[\ud840-\ud87f][\udc00-\udfff])+)/;

  function trim(word) {
    return word.replace(TRIM, "").replace(POSSESSIVE, "");
  }

  var stopWords = new Set();

  /* A query word to the terms it stands for in English (lunr's analysis): usually one; none
     for a stop word (the index has none); CJK text gives character pairs. An archive in
     other languages looks words up instead (`lookUp`): the client never stems them. */
  function wordTerms(word) {
    word = trim(word.toLowerCase());
    if (!word || stopWords.has(word)) return [];
    if (!CJK.test(word)) return [stem(word)];
    var out = [];
    word.split(CJK_RUNS).forEach(function (part) {
      if (!part) return;
      if (CJK.test(part)) {
        var chars = Array.from(part);
        if (chars.length === 1) out.push(part);
        for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
      } else {
        var trimmed = trim(part);
        if (trimmed && !stopWords.has(trimmed)) out.push(stem(trimmed));
      }
    });
    return out;
  }

  // ---- the Porter stemmer, as lunr.js applies it (see generator/search/stemmer.py)

  var c = "[^aeiou]", v = "[aeiouy]", C = c + "[^aeiouy]*", V = v + "[aeiou]*";
  var MGT0 = new RegExp("^(" + C + ")?" + V + C);
  var MEQ1 = new RegExp("^(" + C + ")?" + V + C + "(" + V + ")?$");
  var MGT1 = new RegExp("^(" + C + ")?" + V + C + V + C);
  var HASV = new RegExp("^(" + C + ")?" + v);
  var CVC = new RegExp("^" + C + v + "[^aeiouwxy]$");
  var STEP2 = {
    ational: "ate", tional: "tion", enci: "ence", anci: "ance", izer: "ize", bli: "ble",
    alli: "al", entli: "ent", eli: "e", ousli: "ous", ization: "ize", ation: "ate",
    ator: "ate", alism: "al", iveness: "ive", fulness: "ful", ousness: "ous", aliti: "al",
    iviti: "ive", biliti: "ble", logi: "log"
  };
  var STEP3 = { icate: "ic", ative: "", alize: "al", iciti: "ic", ical: "ic", ful: "", ness: "" };
  var RE2 = new RegExp("^(.+?)(" + Object.keys(STEP2).join("|") + ")$");
  var RE3 = new RegExp("^(.+?)(" + Object.keys(STEP3).join("|") + ")$");
  var RE4 = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;
  var RE4ION = /^(.+?)(s|t)(ion)$/;
  var stems = Object.create(null);

  function stem(word) {
    if (word.length < 3) return word;
    if (word in stems) return stems[word];
    var w = word, m;
    var initialY = w.charAt(0) === "y";
    if (initialY) w = "Y" + w.slice(1);
    if ((m = /^(.+?)(ss|i)es$/.exec(w))) w = m[1] + m[2];
    else if ((m = /^(.+?)([^s])s$/.exec(w))) w = m[1] + m[2];
    if ((m = /^(.+?)eed$/.exec(w))) {
      if (MGT0.test(m[1])) w = w.slice(0, -1);
    } else if ((m = /^(.+?)(ed|ing)$/.exec(w))) {
      if (HASV.test(m[1])) {
        w = m[1];
        if (/(at|bl|iz)$/.test(w)) w += "e";
        else if (/([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1);
        else if (CVC.test(w)) w += "e";
      }
    }
    if ((m = /^(.+?[^aeiou])y$/.exec(w))) w = m[1] + "i";
    if ((m = RE2.exec(w)) && MGT0.test(m[1])) w = m[1] + STEP2[m[2]];
    if ((m = RE3.exec(w)) && MGT0.test(m[1])) w = m[1] + STEP3[m[2]];
    if ((m = RE4.exec(w))) {
      if (MGT1.test(m[1])) w = m[1];
    } else if ((m = RE4ION.exec(w))) {
      if (MGT1.test(m[1] + m[2])) w = m[1] + m[2];
    }
    if ((m = /^(.+?)e$/.exec(w))) {
      if (MGT1.test(m[1]) || (MEQ1.test(m[1]) && !CVC.test(m[1]))) w = m[1];
    }
    if (/ll$/.test(w) && MGT1.test(w)) w = w.slice(0, -1);
    if (initialY) w = "y" + w.slice(1);
    return (stems[word] = w);
  }

  // ---- the query language: lunr's ---------------------------------------

  var OPTIONAL = 1, REQUIRED = 2, PROHIBITED = 3;

  var MAX_EDITS = 2;

  /* Parse `+must -not title:word^2 talib* word~1` into clauses, as lunr's lexer does:
     a hyphen separates words; `+`, `-` and `field:` belong to the first of them,
     `^` and `~` to the last. An unknown `field:` (`10:30`, `Re:`) is plain text.
     `all`: every plain word is required, as if written `+word` (stop words, which
     have no terms, never are); a query of one clause stays optional (the same results). */
  function parseQuery(text, fields, all, languages) {
    var clauses = [];
    text.split(/\s+/).forEach(function (chunk) {
      if (!chunk) return;
      var presence = OPTIONAL, plain = false;
      if (chunk.charAt(0) === "+") { presence = REQUIRED; chunk = chunk.slice(1); }
      else if (chunk.charAt(0) === "-") { presence = PROHIBITED; chunk = chunk.slice(1); }
      else if (all) { presence = REQUIRED; plain = true; }
      var clauseFields = fields;
      var colon = chunk.indexOf(":");
      if (colon > 0 && fields.indexOf(chunk.slice(0, colon).toLowerCase()) >= 0) {
        clauseFields = [chunk.slice(0, colon).toLowerCase()];
        chunk = chunk.slice(colon + 1);
      }
      var boost = 1, editDistance = 0, m;
      while ((m = /[\^~](\d+(?:\.\d+)?)$/.exec(chunk))) {
        if (m[0].charAt(0) === "^") boost = parseFloat(m[1]);
        else editDistance = Math.min(parseInt(m[1], 10), MAX_EDITS);
        chunk = chunk.slice(0, m.index);
      }
      var words = chunk.split("-").filter(Boolean);
      words.forEach(function (word, i) {
        var first = i === 0, last = i === words.length - 1;
        var wildcard = word.indexOf("*") >= 0;
        var terms;
        if (wildcard) terms = [word.toLowerCase()];
        else if (!languages || CJK.test(word)) terms = wordTerms(word);
        else terms = trim(word.toLowerCase()) ? [null] : [];  // looked up in the words (`lookUp`)
        terms.forEach(function (term) {
          clauses.push({
            term: term,
            word: word,
            fields: first ? clauseFields : fields,
            presence: first || plain ? presence : OPTIONAL,
            plain: plain,
            boost: last ? boost : 1,
            editDistance: last ? editDistance : 0,
            wildcard: wildcard
          });
        });
      });
    });
    if (clauses.length === 1 && clauses[0].plain) clauses[0].presence = OPTIONAL;
    return clauses;
  }

  // ---- term expansion: exact, wildcard and fuzzy, as lunr's token sets ------

  function keyText(hex) {
    var bytes = new Uint8Array(hex.length / 2);
    for (var i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.substr(i * 2, 2), 16);
    return new TextDecoder().decode(bytes);
  }

  function levenshtein(a, b) {
    var row = [], i, j;
    for (j = 0; j <= b.length; j++) row.push(j);
    for (i = 1; i <= a.length; i++) {
      var prev = row[0];
      row[0] = i;
      for (j = 1; j <= b.length; j++) {
        var keep = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1));
        prev = keep;
      }
    }
    return row[b.length];
  }

  /* The dictionary shards that may hold terms matching a clause. A shard is named by a
     prefix (2 characters, more where a prefix holds many terms); a term lives in the
     shard of the longest prefix of it that has one. */
  function shardsFor(clause, stats) {
    var term = clause.term;
    if (!stats.prefixes) stats.prefixes = stats.keys.map(function (hex) { return { hex: hex, text: keyText(hex) }; });
    var prefixes = stats.prefixes;
    function longestPrefixOf(text) {
      var best = null;
      prefixes.forEach(function (k) {
        if (text.indexOf(k.text) === 0 && (!best || k.text.length > best.text.length)) best = k;
      });
      return best ? [best.hex] : [];
    }
    if (clause.editDistance > 0) {
      return prefixes.filter(function (k) {
        for (var j = 0; j <= k.text.length + clause.editDistance; j++) {
          if (levenshtein(k.text, term.slice(0, j)) <= clause.editDistance) return true;
        }
        return false;
      }).map(function (k) { return k.hex; });
    }
    if (clause.wildcard) {
      var fixed = term.split("*")[0];
      var below = prefixes.filter(function (k) { return k.text.indexOf(fixed) === 0; }).map(function (k) { return k.hex; });
      return below.concat(longestPrefixOf(fixed).filter(function (hex) { return below.indexOf(hex) < 0; }));
    }
    return longestPrefixOf(term);
  }

  /* lunr.TokenSet.fromFuzzyString, rebuilt: a trie with "*" edges for edits. */
  function fuzzyAutomaton(str, edits) {
    function node() { return { edges: Object.create(null), final: false }; }
    function child(n, ch) { return n.edges[ch] || (n.edges[ch] = node()); }
    var root = node();
    var stack = [{ node: root, edits: edits, str: str }];
    while (stack.length) {
      var f = stack.pop();
      if (f.str.length > 0) {
        var same = child(f.node, f.str.charAt(0));
        if (f.str.length === 1) same.final = true;
        stack.push({ node: same, edits: f.edits, str: f.str.slice(1) });
      }
      if (f.edits === 0) continue;
      var insert = child(f.node, "*");
      if (f.str.length === 0) insert.final = true;
      stack.push({ node: insert, edits: f.edits - 1, str: f.str });
      if (f.str.length > 1) stack.push({ node: f.node, edits: f.edits - 1, str: f.str.slice(1) });
      if (f.str.length === 1) f.node.final = true;
      if (f.str.length >= 1) {
        var sub = child(f.node, "*");
        if (f.str.length === 1) sub.final = true;
        stack.push({ node: sub, edits: f.edits - 1, str: f.str.slice(1) });
      }
      if (f.str.length > 1) {
        var swap = child(f.node, f.str.charAt(1));
        stack.push({ node: swap, edits: f.edits - 1, str: f.str.charAt(0) + f.str.slice(2) });
      }
    }
    return root;
  }

  function automatonAccepts(root, word) {
    var states = [root];
    for (var i = 0; i < word.length && states.length; i++) {
      var ch = word.charAt(i), next = [];
      states.forEach(function (s) {
        if (s.edges[ch] && next.indexOf(s.edges[ch]) < 0) next.push(s.edges[ch]);
        if (s.edges["*"] && next.indexOf(s.edges["*"]) < 0) next.push(s.edges["*"]);
      });
      states = next;
    }
    return states.some(function (s) { return s.final; });
  }

  function wildcardPattern(term) {
    return new RegExp("^" + term.split("*").map(function (part) {
      return part.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
    }).join(".*") + "$");
  }

  var READ_LIMIT = 3e6;  // bytes of dictionary one clause may read

  /* The index terms a clause stands for, each with its dictionary entry. A looked-up word
     stands for its term in each language searched (`alternatives`). */
  function expand(clause, stats) {
    if (clause.alternatives) {
      return Promise.all(clause.alternatives.map(function (term) {
        return expand({ term: term, editDistance: clause.editDistance, wildcard: false }, stats);
      })).then(function (lists) {
        var seen = Object.create(null), found = [];
        lists.forEach(function (list) {
          list.forEach(function (x) { if (!seen[x.term]) { seen[x.term] = true; found.push(x); } });
        });
        return found;
      });
    }
    var needed = shardsFor(clause, stats);
    var bytes = needed.reduce(function (sum, hex) { return sum + (stats.sizes[stats.keys.indexOf(hex)] || 0); }, 0);
    if (bytes > READ_LIMIT) {
      return Promise.reject(new Error("“" + clause.term + (clause.editDistance ? "~" + clause.editDistance : "") +
        "” would read " + (bytes / 1e6).toFixed(1) + " MB of the index: put more letters before the *, or allow fewer typos"));
    }
    return Promise.all(needed.map(function (hex) { return load("d/" + hex); }))
      .then(function (shards) {
        var found = [];
        var accepts;
        if (clause.editDistance > 0) {
          var automaton = fuzzyAutomaton(clause.term, clause.editDistance);
          accepts = function (t) { return automatonAccepts(automaton, t); };
        } else if (clause.wildcard) {
          var pattern = wildcardPattern(clause.term);
          accepts = function (t) { return pattern.test(t); };
        } else {
          accepts = function (t) { return t === clause.term; };
        }
        shards.forEach(function (shard) {
          Object.keys(shard).forEach(function (t) {
            if (accepts(t)) found.push({ term: t, entry: shard[t] });
          });
        });
        return found;
      });
  }

  // ---- scoring: lunr's BM25 from raw counts ----------------------------------

  function round3(x) { return parseFloat(x.toFixed(3)); }

  function Scorer(stats) {
    this.stats = stats;
  }
  Scorer.prototype.weight = function (idf, f, tf, length) {
    var s = this.stats;
    var norm = s.averages[f] ? 1 - s.b + s.b * (length / s.averages[f]) : 1;
    return round3(idf * ((s.k1 + 1) * tf) / (s.k1 * norm + tf) * s.boosts[f]);
  };
  Scorer.prototype.idf = function (df) {
    var n = this.stats.docs;
    return Math.log(1 + Math.abs((n - df + 0.5) / (df + 0.5)));
  };

  /* Every document's field lengths are in length files (a posting row holds only
     frequencies and where its lengths lie among stats.lengthSteps, so that an edit that
     lengthens an article changes one length file, not every row of its terms). Only the
     rows that may rank are scored exactly, once their documents' lengths are loaded. */
  function loadLengths(stats, docs) {
    var names = new Set();
    docs.forEach(function (doc) { names.add("l/" + Math.floor(doc / stats.lengthChunk)); });
    return Promise.all(Array.from(names).map(load));
  }

  function lengthOf(stats, doc, f) {
    var table = received["l/" + Math.floor(doc / stats.lengthChunk)];
    return table[(doc % stats.lengthChunk) * stats.fields.length + f];
  }

  /* One query, run to as many results as asked. */
  function Search(stats, clauses, expansions, filter) {
    var fields = stats.fields, width = 2 + fields.length;  // doc, tf per field, length code
    this.stats = stats;
    this.filter = filter;
    this.scorer = new Scorer(stats);
    this.width = width;
    var vectors = fields.map(function () { return Object.create(null); });
    var terms = Object.create(null);
    var required = [], prohibited = [];
    var self = this;
    this.impossible = false;
    clauses.forEach(function (clause, i) {
      var list = expansions[i];
      if (clause.presence === REQUIRED && list.length === 0) self.impossible = true;
      if (clause.presence === PROHIBITED) { prohibited.push({ list: list, clause: clause }); return; }
      if (clause.presence === REQUIRED) required.push({ list: list, clause: clause });
      list.forEach(function (x) {
        terms[x.term] = x.entry;
        clause.fields.forEach(function (field) {
          var f = fields.indexOf(field);
          vectors[f][x.term] = (vectors[f][x.term] || 0) + clause.boost;
        });
      });
    });
    this.magnitudes = vectors.map(function (vec) {
      var sum = 0;
      for (var t in vec) sum += vec[t] * vec[t];
      return Math.sqrt(sum);
    });
    this.vectors = vectors;
    this.terms = Object.keys(terms).sort().map(function (t) {
      var entry = terms[t];
      return { term: t, df: entry[0], count: entry[1], inline: entry[2], pages: entry[3] || [], next: 0 };
    });
    this.required = required;
    this.prohibited = prohibited;
    this.docs = new Map();  // doc -> {bound, exact (null until known), rows: [term, flat, offset, ...]}
    this.matchedTerms = Object.keys(terms);
  }

  Search.prototype.termFactor = function (t, f) {
    var q = this.vectors[f][t.term];
    return q ? q / this.magnitudes[f] : 0;
  };

  /* A row's score in its term, from its document's exact lengths (`lengthOf`) or, as an
     upper bound, from the shortest lengths its length code allows. */
  Search.prototype.rowScore = function (t, flat, i, exact) {
    var stats = this.stats, fields = stats.fields.length, idf = this.scorer.idf(t.df), score = 0;
    var code = flat[i + 1 + fields], steps = [];
    for (var g = fields - 1; g >= 0; g--) { steps[g] = code % 64; code = (code - steps[g]) / 64; }
    for (var f = 0; f < fields; f++) {
      var tf = flat[i + 1 + f];
      var factor = tf ? this.termFactor(t, f) : 0;
      if (factor) {
        var length = exact ? lengthOf(stats, flat[i], f) : stats.lengthSteps[steps[f]];
        score += factor * this.scorer.weight(idf, f, tf, length);
      }
    }
    return score;
  };

  /* Notes the rows' documents with an upper bound of their scores; `ranked` makes the
     scores of those that may rank exact. */
  Search.prototype.addPostings = function (t, flat) {
    var width = this.width;
    for (var i = 0; i < flat.length; i += width) {
      if (!this.matchesField(t, flat, i)) continue;
      var d = this.docs.get(flat[i]);
      if (!d) this.docs.set(flat[i], d = { bound: 0, exact: null, rows: [] });
      d.exact = null;  // (a later row of another term: scored again)
      d.bound += this.rowScore(t, flat, i, false);
      d.rows.push(t, flat, i);
    }
    return Promise.resolve();
  };

  /* Exact scores for these documents, once their lengths are loaded. */
  Search.prototype.score = function (docs) {
    var self = this;
    return loadLengths(this.stats, docs).then(function () {
      docs.forEach(function (doc) {
        var d = self.docs.get(doc), score = 0;
        for (var r = 0; r < d.rows.length; r += 3) score += self.rowScore(d.rows[r], d.rows[r + 1], d.rows[r + 2], true);
        d.exact = score;
      });
    });
  };

  Search.prototype.matchesField = function (t, flat, i) {
    for (var f = 0; f < this.stats.fields.length; f++) {
      if (flat[i + 1 + f] && this.vectors[f][t.term] !== undefined) return true;
    }
    return false;
  };

  /* The best possible contribution of any posting still unread for a term. */
  Search.prototype.remainingBound = function (t) {
    var best = 0, idf = this.scorer.idf(t.df);
    for (var p = t.next; p < t.pages.length; p++) {
      var page = t.pages[p], bound = 0;
      for (var f = 0; f < this.stats.fields.length; f++) {
        var tf = page[2 + 2 * f], len = page[3 + 2 * f];
        if (tf) bound += this.termFactor(t, f) * this.scorer.weight(idf, f, tf, len);
      }
      best = Math.max(best, bound);
    }
    return best;
  };

  Search.prototype.readInline = function () {
    var self = this;
    return Promise.all(this.terms.map(function (t) { return t.inline ? self.addPostings(t, t.inline) : null; }));
  };

  Search.prototype.readPage = function (t) {
    var self = this, page = t.pages[t.next++];
    return load(page[0]).then(function (flat) { return self.addPostings(t, flat); });
  };

  Search.prototype.readAll = function () {
    var self = this, reads = [];
    this.terms.forEach(function (t) { while (t.next < t.pages.length) reads.push(self.readPage(t)); });
    return Promise.all(reads);
  };

  /* Doc sets of required / prohibited clauses need every posting, pages included;
     a document counts when it holds the term in one of the clause's fields. */
  Search.prototype.clauseDocs = function (list, clause) {
    var width = this.width, docs = new Set(), all = this.stats.fields;
    var columns = clause.fields.map(function (field) { return 1 + all.indexOf(field); });
    function add(flat) {
      for (var i = 0; i < flat.length; i += width) {
        for (var c = 0; c < columns.length; c++) {
          if (flat[i + columns[c]]) { docs.add(flat[i]); break; }
        }
      }
    }
    var reads = [];
    list.forEach(function (x) {
      if (x.entry[2]) add(x.entry[2]);
      (x.entry[3] || []).forEach(function (page) { reads.push(load(page[0]).then(add)); });
    });
    return Promise.all(reads).then(function () { return docs; });
  };

  /* The allowed documents, best first, the first `want` with exact scores: ordered by
     exact score or upper bound, until the first `want` are all exact no document with a
     bound alone can be ahead of them (its score is at most its bound). */
  Search.prototype.ranked = function (want) {
    var self = this;
    function key(d) { return d.exact !== null ? d.exact : d.bound; }
    function step() {
      var out = [];
      self.docs.forEach(function (d, doc) { if (self.allowed(doc)) out.push({ doc: doc, d: d }); });
      out.sort(function (a, b) { return key(b.d) - key(a.d) || a.doc - b.doc; });
      var unsure = out.slice(0, want).filter(function (x) { return x.d.exact === null; }).map(function (x) { return x.doc; });
      if (unsure.length) return self.score(unsure).then(step);
      return out.map(function (x) { return { doc: x.doc, score: key(x.d) }; });
    }
    return Promise.resolve().then(step);
  };

  Search.prototype.allowed = function (doc) {
    if (this.filter && !this.filter.has(doc)) return false;
    if (this.requiredSets && !this.requiredSets.every(function (s) { return s.has(doc); })) return false;
    if (this.prohibitedSet && this.prohibitedSet.has(doc)) return false;
    return true;
  };

  /* Read just enough postings to know the first `want` results exactly. */
  Search.prototype.run = function (want) {
    var self = this;
    if (this.impossible) return Promise.resolve({ results: [], total: 0, exact: true });
    if (!this.started) this.started = this.readInline();
    var simple = this.terms.length === 1 && !this.required.length && !this.prohibited.length;
    var ready;
    if (simple) {
      var t = this.terms[0];
      var step = function () {
        return self.ranked(want).then(function (ranked) {
          var bound = self.remainingBound(t);
          // Strictly better: an unread document with an equal score could come first (lower id).
          if (t.next >= t.pages.length || (ranked.length >= want && ranked[want - 1].score > bound)) return ranked;
          return self.readPage(t).then(step);
        });
      };
      var everyField = this.vectors.every(function (vec) { return vec[t.term] !== undefined; });
      ready = this.started.then(step).then(function (ranked) {
        var done = t.next >= t.pages.length;
        // Unread, every document holding the term is still a result, unless filters or fields narrow it.
        var known = done || (!self.filter && everyField);
        return { results: ranked, total: done ? ranked.length : known ? t.count : ranked.length, exact: known };
      });
    } else {
      ready = Promise.all([
        this.started.then(function () { return self.readAll(); }),
        Promise.all(this.required.map(function (r) { return self.clauseDocs(r.list, r.clause); })),
        Promise.all(this.prohibited.map(function (p) { return self.clauseDocs(p.list, p.clause); }))
      ]).then(function (parts) {
        self.requiredSets = parts[1];
        var banned = new Set();
        parts[2].forEach(function (s) { s.forEach(function (d) { banned.add(d); }); });
        self.prohibitedSet = banned;
        if (!self.terms.length && self.prohibited.length) {
          // Only prohibited words: every other article matches, as in lunr (score 0).
          for (var d = 0; d < self.stats.docs; d++) if (!self.docs.has(d)) self.docs.set(d, { bound: 0, exact: 0, rows: [] });
        }
        return self.ranked(want).then(function (ranked) { return { results: ranked, total: ranked.length, exact: true }; });
      });
    }
    return ready;
  };

  /* The results in date order (documents are numbered in publication order), newest or
     oldest first. One plain word needs no scores: its ends file (a long list) or its rows. */
  Search.prototype.dated = function (want, newest) {
    var self = this;
    function order(docs) {
      docs.sort(function (a, b) { return newest ? b - a : a - b; });
      return docs.map(function (d) { return { doc: d, score: 0 }; });
    }
    if (this.impossible) return Promise.resolve({ results: [], total: 0, exact: true });
    var t = this.terms[0];
    var simple = this.terms.length === 1 && !this.required.length && !this.prohibited.length &&
      this.vectors.every(function (vec) { return vec[t.term] !== undefined; });
    if (!simple) {
      return this.run(0).then(function (outcome) {  // (no scores needed)
        var docs = order(outcome.results.map(function (r) { return r.doc; }));
        return { results: docs, total: docs.length, exact: true };
      });
    }
    var width = this.width, filter = this.filter;
    if (t.pages.length && !filter && !this.unended) {
      return load(t.pages[0][0].replace(/-0$/, "-e")).then(function (ends) {
        var docs = [], at = 0;
        ends[newest ? 1 : 0].forEach(function (d, i) { at = i === 0 ? d : newest ? at - d : at + d; docs.push(at); });
        if (docs.length >= Math.min(want, t.count)) return { results: order(docs), total: t.count, exact: true };
        self.unended = true;  // more than its ends hold: every row
        return self.dated(want, newest);
      });
    }
    var reads = (t.inline ? [Promise.resolve(t.inline)] : []).concat(t.pages.map(function (page) { return load(page[0]); }));
    return Promise.all(reads).then(function (lists) {
      var docs = [];
      lists.forEach(function (flat) {
        for (var i = 0; i < flat.length; i += width) if (!filter || filter.has(flat[i])) docs.push(flat[i]);
      });
      return { results: order(docs), total: docs.length, exact: true };
    });
  };

  // ---- the archive's languages: a word's term looked up, never stemmed ------------

  /* The words' shard a word would be in: that of the longest prefix of it that has one. */
  function wordShardOf(word, words) {
    if (!words.prefixes) words.prefixes = words.keys.map(function (hex, i) { return { hex: hex, text: keyText(hex), size: words.sizes[i] }; });
    var best = null;
    words.prefixes.forEach(function (k) {
      if (word.indexOf(k.text) === 0 && (!best || k.text.length > best.text.length)) best = k;
    });
    return best && best.hex;
  }

  /* A word's readings in the archive, {lang: term}, from a words' shard entry: `[count]` or
     `[count, "term"]` (the archive's language), else `[count, "term", "lang", ...]`. */
  function readingsOf(word, entry, stats) {
    var out = Object.create(null);
    if (!entry) return out;
    if (entry.length <= 2) out[stats.language] = entry.length === 2 ? entry[1] : word;
    else for (var i = 0; i + 2 < entry.length; i += 3) out[entry[i + 2]] = entry[i + 1];
    return out;
  }

  function entryCount(entry) {
    if (entry.length <= 2) return entry[0];
    var sum = 0;
    for (var i = 0; i < entry.length; i += 3) sum += entry[i];
    return sum;
  }

  /* A typed word's terms in these languages (all of the archive's when none is chosen), as
     the build analysed it: its reading in the archive's words; a word the archive lacks in a
     language stands for itself (a stem typed as it is: `haus` finds `Häuser`), or in English
     for its Porter stem, which lunr.js's own stemmer gives (stemmer.py); a stop word for none. */
  function lookUp(word, stats, lang) {
    word = trim(word.toLowerCase());
    var words = stats.words, langs = lang ? [lang] : Object.keys(stats.languages);
    var hex = word && words && words.keys ? wordShardOf(word, words) : null;
    var shard = hex ? load("w/" + hex) : Promise.resolve(null);
    return shard.then(function (data) {
      var found = data && Object.prototype.hasOwnProperty.call(data, word) ? data[word] : null;
      var readings = readingsOf(word, found, stats), terms = [];
      langs.forEach(function (l) {
        var language = stats.languages[l];
        var term = readings[l];
        if (term === undefined) {
          if (!language || language.stopWords.indexOf(word) >= 0) return;
          term = language.stemmer === "porter" ? stem(word) : word;
        }
        if (terms.indexOf(term) < 0) terms.push(term);
      });
      return terms;
    });
  }

  /* The terms of a query's looked-up words (`parseQuery` leaves them null); the clauses of
     words with none (stop words in every language searched) are dropped. */
  function lookUpAll(clauses, stats, lang) {
    return Promise.all(clauses.map(function (clause) {
      if (clause.term !== null) return Promise.resolve(null);
      return lookUp(clause.word, stats, lang).then(function (terms) {
        clause.alternatives = terms;
        clause.term = terms[0] || "";
      });
    })).then(function () {
      var kept = clauses.filter(function (c) { return !c.alternatives || c.alternatives.length; });
      if (kept.length === 1 && kept[0].plain) kept[0].presence = OPTIONAL;
      return kept;
    });
  }

  /* The clauses of a query, looked up where the archive has several languages. */
  function clausesOf(text, stats, all, lang) {
    var clauses = parseQuery(text, stats.fields, all, stats.languages);
    return stats.languages ? lookUpAll(clauses, stats, lang) : Promise.resolve(clauses);
  }

  // ---- did you mean: the archive's own words (search/w/, words.py) -------------

  var SUGGEST_LIMIT = 64e3;  // bytes of words' shards one word's suggestions may read

  /* Edit distance with adjacent swaps (optimal string alignment), giving up above `most`. */
  function distance(a, b, most) {
    if (Math.abs(a.length - b.length) > most) return most + 1;
    var before = null, row = [], i, j;
    for (j = 0; j <= b.length; j++) row.push(j);
    for (i = 1; i <= a.length; i++) {
      var next = [i], least = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
        var d = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + cost);
        if (before && i > 1 && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) && a.charAt(i - 2) === b.charAt(j - 1)) {
          d = Math.min(d, before[j - 2] + 1);
        }
        next.push(d);
        least = Math.min(least, d);
      }
      if (least > most) return most + 1;
      before = row;
      row = next;
    }
    return row[b.length];
  }

  /* The words' shards to read for a word: those of words that start as it does, with its
     first two letters swapped, or without its second letter (most typos come later in a
     word), nearest prefixes first, up to SUGGEST_LIMIT bytes. */
  function wordShards(word, words) {
    if (!words.prefixes) words.prefixes = words.keys.map(function (hex, i) { return { hex: hex, text: keyText(hex), size: words.sizes[i] }; });
    var starts = [word.slice(0, 2), word.charAt(1) + word.charAt(0) + word.slice(2, 3), word.charAt(0) + word.slice(2, 3)];
    var found = [];
    words.prefixes.forEach(function (k) {
      var near = 3;
      starts.forEach(function (start, s) {
        if (k.text.slice(0, 2) !== start.slice(0, 2)) return;
        var from = s === 0 ? word : s === 1 ? starts[1] + word.slice(3) : word.charAt(0) + word.slice(2);
        for (var j = Math.max(0, k.text.length - 2); j <= k.text.length + 2; j++) {
          near = Math.min(near, distance(k.text, from.slice(0, j), 2) + (s ? 1 : 0));
        }
      });
      if (near <= 2) found.push({ k: k, near: near });
    });
    found.sort(function (a, b) { return a.near - b.near || (a.k.text < b.k.text ? -1 : 1); });
    var bytes = 0;
    return found.filter(function (f) { bytes += f.k.size; return bytes <= SUGGEST_LIMIT; }).map(function (f) { return f.k.hex; });
  }

  /* The archive's word nearest a word it lacks: within one edit if any, else two; the
     most frequent first. */
  function suggest(word, stats) {
    var words = stats.words;
    word = trim(word.toLowerCase());
    if (!words || !words.keys || Array.from(word).length < 3 || CJK.test(word)) return Promise.resolve(null);
    return Promise.all(wordShards(word, words).map(function (hex) { return load("w/" + hex); })).then(function (shards) {
      var best = null;
      shards.forEach(function (shard) {
        Object.keys(shard).forEach(function (candidate) {
          if (candidate === word || !/^\p{L}/u.test(candidate)) return;
          var d = distance(word, candidate, 2), count = entryCount(shard[candidate]);
          if (d > 2) return;
          if (!best || d < best.d || (d === best.d && (count > best.count || (count === best.count && candidate < best.word)))) {
            best = { word: candidate, d: d, count: count };
          }
        });
      });
      return best && best.word;
    });
  }

  // ---- facets (filters) ------------------------------------------------------

  function facetDocs(name) {
    return load(name).then(function (deltas) {
      var docs = new Set(), at = 0;
      deltas.forEach(function (d, i) { at = i === 0 ? d : at + d; docs.add(at); });
      return docs;
    });
  }

  function filterSet(facets, chosen) {
    var names = [];
    Object.keys(chosen).forEach(function (facet) {
      var value = chosen[facet];
      if (!value || !facets[facet]) return;
      facets[facet].forEach(function (entry) { if (entry[0] === value) names.push(entry[3]); });
    });
    if (!names.length) return Promise.resolve(null);
    return Promise.all(names.map(facetDocs)).then(function (sets) {
      var result = sets[0];
      sets.slice(1).forEach(function (s) {
        result = new Set(Array.from(result).filter(function (d) { return s.has(d); }));
      });
      return result;
    });
  }

  // ---- results ----------------------------------------------------------------

  function describe(docIds, stats) {
    return Promise.all(docIds.map(function (id) {
      return load("docs/" + Math.floor(id / stats.chunk)).then(function (chunk) {
        var d = chunk[id % stats.chunk];
        return { id: id, ref: d[0], title: d[1], dateIso: d[2], date: d[3], sources: d[4], flags: d[5], snippet: d[6],
                 lang: d[7] || null };
      });
    }));
  }

  /* Whether a snippet's word is read as a matched term in an archive of several languages:
     as it is, or by its reading in a words' shard already loaded (none is loaded for this). */
  function readsAs(piece, matched) {
    var stats = received.stats;
    if (!stats || !stats.languages || !stats.words || !stats.words.keys) return false;
    var word = trim(piece.toLowerCase());
    if (matched.has(word)) return true;
    var data = received["w/" + wordShardOf(word, stats.words)];
    if (!data || !Object.prototype.hasOwnProperty.call(data, word)) return false;
    var readings = readingsOf(word, data[word], stats);
    return Object.keys(readings).some(function (lang) { return matched.has(readings[lang]); });
  }

  /* The snippet as text nodes, with the words whose terms matched in <mark>. */
  function highlighted(text, matched) {
    var fragment = document.createDocumentFragment();
    text.split(/(\s+|-)/).forEach(function (piece) {
      var terms = WORD.test(piece) ? wordTerms(piece) : [];
      if ((terms.length !== 1 || !matched.has(terms[0])) && !(WORD.test(piece) && readsAs(piece, matched))) {
        fragment.appendChild(document.createTextNode(piece));
        return;
      }
      // Mark the word, not the punctuation around it.
      var core = /^([^\p{L}\p{N}\p{M}_]*)(.*?)([^\p{L}\p{N}\p{M}_]*)$/u.exec(piece);
      var mark = document.createElement("mark");
      mark.textContent = core[2];
      fragment.appendChild(document.createTextNode(core[1]));
      fragment.appendChild(mark);
      fragment.appendChild(document.createTextNode(core[3]));
    });
    return fragment;
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function renderResult(doc, matched, root) {
    var li = element("li", "item result");
    if (doc.lang) {  // another language than the page's: read out as such, written as its script goes
      li.lang = doc.lang;
      li.dir = "auto";
    }
    var h = element("h2", "item-title");
    var a = element("a", null, doc.title);
    a.href = root + doc.ref;
    h.appendChild(a);
    li.appendChild(h);
    var meta = element("p", "item-meta");
    if (doc.date) {
      var time = element("time", null, doc.date);
      time.setAttribute("datetime", doc.dateIso);
      meta.appendChild(time);
    } else {
      meta.appendChild(element("span", null, "Undated"));
    }
    if (doc.sources.length) meta.appendChild(document.createTextNode(" · " + doc.sources.join(", ")));
    doc.flags.forEach(function (flag) {
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(element("span", "badge badge-" + flag, flag));
    });
    li.appendChild(meta);
    var p = element("p", "item-excerpt");
    p.appendChild(highlighted(doc.snippet, matched));
    li.appendChild(p);
    return li;
  }

  // ---- the page ---------------------------------------------------------------

  var PAGE = 20;
  var SORTS = ["relevance", "newest", "oldest"];

  function start() {
    var form = document.getElementById("search-form");
    if (!form) return;
    var input = form.elements.q;
    var anyWord = form.elements.any;
    var sortBy = form.elements.sort;
    var status = document.getElementById("search-status");
    var note = document.getElementById("search-note");
    var list = document.getElementById("search-results");
    var more = document.getElementById("search-more");
    var root = form.getAttribute("data-root") || "../";
    var selects = ["year", "tag", "source", "flag"].map(function (name) { return form.elements[name]; });
    form.hidden = false;

    var stats, facets, current = null, generation = 0;

    function params() {
      var p = new URLSearchParams(window.location.search);
      input.value = p.get("q") || "";
      anyWord.checked = p.get("any") === "1";
      sortBy.value = SORTS.indexOf(p.get("sort")) > 0 ? p.get("sort") : "relevance";
      selects.forEach(function (s) { s.value = p.get(s.name) || ""; });
    }

    /* Keep the address shareable: each new query gets its own history entry (so the
       back button returns to the one before); typing on refines the current entry. */
    var typing = false;
    function remember(mode) {
      var p = new URLSearchParams();
      if (input.value) p.set("q", input.value);
      if (anyWord.checked) p.set("any", "1");
      if (sortBy.value !== "relevance") p.set("sort", sortBy.value);
      selects.forEach(function (s) { if (s.value) p.set(s.name, s.value); });
      var address = "?" + p.toString();
      if (mode === "none" || address === window.location.search) return;
      try {
        if (mode === "push") history.pushState(null, "", address);
        else history.replaceState(null, "", address);
      } catch (e) { /* a browser that refuses: the address just stays as it was */ }
    }

    function fillFacets() {
      // The language filter, only in an archive of several languages (the build lists them then).
      if (facets.lang && facets.lang.length > 1 && !form.elements.lang) {
        var label = element("label", "search-language", "Language ");
        var select = element("select");
        select.name = "lang";
        var any = element("option", null, "Any");
        any.value = "";
        select.appendChild(any);
        label.appendChild(select);
        (form.querySelector(".search-filters") || form).appendChild(label);
        select.addEventListener("change", function () { typing = false; search("push"); });
        selects.push(select);
      }
      selects.forEach(function (select) {
        (facets[select.name] || []).forEach(function (entry) {
          var option = element("option", null, entry[1] + " (" + entry[2] + ")");
          option.value = entry[0];
          select.appendChild(option);
        });
      });
    }

    /* A line under the status: why these results (the any-word fallback), and a
       suggestion for words the archive lacks, as a link that searches for it. */
    function explain(fallback, suggestion) {
      note.textContent = "";
      note.hidden = !fallback && !suggestion;
      if (fallback) note.appendChild(element("span", "search-fallback", fallback + " "));
      if (suggestion) {
        note.appendChild(document.createTextNode("Did you mean "));
        var a = element("a", "search-suggestion", suggestion);
        var p = new URLSearchParams(window.location.search);
        p.set("q", suggestion);
        a.href = "?" + p.toString();
        a.addEventListener("click", function (event) {
          event.preventDefault();
          input.value = suggestion;
          typing = false;
          search("push");
        });
        note.appendChild(a);
        note.appendChild(document.createTextNode("?"));
      }
    }

    function show(run, outcome, shown) {
      if (run !== generation) return;
      var total = outcome.results.length;
      var slice = outcome.results.slice(0, shown);
      return describe(slice.map(function (r) { return r.doc; }), stats).then(function (docs) {
        if (run !== generation) return;
        list.textContent = "";
        var matched = new Set(current.matchedTerms);
        docs.forEach(function (doc) { list.appendChild(renderResult(doc, matched, root)); });
        var query = input.value.trim();
        var count = outcome.exact ? String(outcome.total) : "at least " + total;
        if (!total) {
          status.textContent = query
            ? "No results for “" + query + "”. Try fewer or other words, a word ending in * (talib*), or browse by year."
            : "No articles match these filters.";
        } else if (!query) {
          status.textContent = count + (outcome.total === 1 ? " article" : " articles") + " match these filters";
        } else {
          status.textContent = count + (outcome.total === 1 ? " result" : " results") + " for “" + query + "”" +
            (current.any && !current.fallback ? " (any word)" : "");
        }
        more.hidden = outcome.exact ? shown >= outcome.total : false;
      });
    }

    /* Runs a query's clauses: the Search, and its first results in the chosen order. */
    function running(clauses, filter) {
      return Promise.all(clauses.map(function (clause) { return expand(clause, stats); })).then(function (expansions) {
        var s = new Search(stats, clauses, expansions, filter);
        var order = sortBy.value;
        s.fetch = order === "relevance" ? s.run.bind(s) : function (want) { return s.dated(want, order === "newest"); };
        s.expansions = expansions;
        s.shown = PAGE;
        return s.fetch(PAGE).then(function (outcome) { return { search: s, outcome: outcome }; });
      });
    }

    /* Suggestions for the plain words the index lacks: the query with each replaced. */
    function suggestions(clauses, expansions, text) {
      var missing = [];
      clauses.forEach(function (clause, i) {
        if (!expansions[i].length && !clause.wildcard && !clause.editDistance && clause.presence !== PROHIBITED &&
            missing.indexOf(clause.word) < 0) missing.push(clause.word);
      });
      if (!missing.length) return Promise.resolve(null);
      return Promise.all(missing.map(function (word) { return suggest(word, stats); })).then(function (found) {
        var changed = false;
        missing.forEach(function (word, i) {
          if (!found[i]) return;
          changed = true;
          text = text.split(/(\s+|-)/).map(function (piece) {
            return trim(piece.toLowerCase().replace(/^[+-]/, "")) === trim(word.toLowerCase()) ? piece.replace(trim(piece.replace(/^[+-]/, "")), found[i]) : piece;
          }).join("");
        });
        return changed ? text : null;
      });
    }

    function search(history) {
      var run = ++generation;
      var text = input.value.trim();
      remember(history || "none");
      explain(null, null);
      var chosen = {};
      selects.forEach(function (s) { chosen[s.name] = s.value; });
      if (!text) {
        return filterSet(facets, chosen).then(function (set) {
          if (run !== generation) return;
          if (!set) {
            list.textContent = "";
            status.textContent = "Type a word to search " + stats.docs + " articles.";
            more.hidden = true;
            return;
          }
          // Filters alone: every article they let through, newest first (oldest if asked).
          var ids = Array.from(set).sort(function (a, b) { return sortBy.value === "oldest" ? a - b : b - a; });
          var outcome = { results: ids.map(function (d) { return { doc: d, score: 0 }; }), total: ids.length, exact: true };
          current = { matchedTerms: [], shown: PAGE, fetch: function () { return Promise.resolve(outcome); } };
          return show(run, outcome, PAGE);
        });
      }
      var all = !anyWord.checked, lang = chosen.lang || null;
      var parsed = Promise.resolve().then(function () { return clausesOf(text, stats, all, lang); });
      return Promise.all([filterSet(facets, chosen), parsed]).then(function (ready) {
        var filter = ready[0], clauses = ready[1];
        return running(clauses, filter).then(function (first) {
          if (run !== generation) return;
          var defaults = clauses.filter(function (c) { return c.plain && c.presence === REQUIRED; });
          var hint = suggestions(clauses, first.search.expansions, text);
          if (first.outcome.results.length || !defaults.length) return [first, null, hint];
          // Nothing has every word: the articles with any of them, saying so.
          return clausesOf(text, stats, false, lang).then(function (anyClauses) {
            return running(anyClauses, filter);
          }).then(function (any) {
            return [any, "No article has all of these words; showing articles with any of them.", hint];
          });
        }).then(function (parts) {
          if (!parts || run !== generation) return;
          current = parts[0].search;
          current.any = !all || !!parts[1];
          current.fallback = parts[1];
          return Promise.all([show(run, parts[0].outcome, PAGE), parts[2]]).then(function (done) {
            if (run === generation) explain(parts[1], done[1]);
          });
        });
      }).catch(function (error) {
        if (run === generation) status.textContent = "Search failed: " + error.message;
      });
    }

    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        search(typing ? "replace" : "push");
        typing = true;
      }, 80);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      search(typing ? "replace" : "push");
      typing = false;
    });
    selects.concat([anyWord, sortBy]).forEach(function (s) {
      s.addEventListener("change", function () { typing = false; search("push"); });
    });
    more.addEventListener("click", function () {
      if (!current) return;
      var run = generation;
      current.shown += PAGE;
      current.fetch(current.shown).then(function (outcome) { return show(run, outcome, current.shown); });
    });
    window.addEventListener("popstate", function () { typing = false; params(); search("none"); });

    status.textContent = "Loading the index…";
    Promise.all([load("stats"), load("facets")]).then(function (parts) {
      stats = parts[0];
      facets = parts[1];
      stopWords = new Set(stats.stopWords);
      fillFacets();
      params();
      return search();
    }).catch(function (error) {
      status.textContent = "The search index could not be loaded (" + error.message + ").";
    });
  }

  // Exposed for tests that compare our ranking with lunr.js.
  /* `options.any`: any word matches (lunr's default); else every plain word is required. */
  /* `options.lang`: look the words up in that language only, and search its articles only. */
  window.ArchiveSearch.query = function (text, want, options) {
    options = options || {};
    return load("stats").then(function (stats) {
      stopWords = new Set(stats.stopWords);
      var lang = options.lang || null;
      return Promise.all([
        clausesOf(text, stats, !options.any, lang),
        lang ? load("facets").then(function (facets) { return filterSet(facets, { lang: lang }); }) : null
      ]);
    }).then(function (ready) {
      var stats = received.stats, clauses = ready[0], filter = ready[1];
      return Promise.all(clauses.map(function (c) { return expand(c, stats); })).then(function (expansions) {
        var s = new Search(stats, clauses, expansions, filter);
        return s.run(want || 1e9).then(function (outcome) {
          var top = outcome.results.slice(0, want || outcome.results.length);
          return describe(top.map(function (r) { return r.doc; }), stats).then(function (docs) {
            return {
              results: docs.map(function (d, i) { return { ref: d.ref, score: top[i].score }; }),
              total: outcome.total,
              exact: outcome.exact
            };
          });
        });
      });
    });
  };
  window.ArchiveSearch.stem = stem;
  window.ArchiveSearch.terms = wordTerms;
  /* A word's terms as a query in `lang` (or every language of the archive) looks them up. */
  window.ArchiveSearch.lookUp = function (word, lang) {
    return load("stats").then(function (stats) {
      if (!stats.languages) return wordTerms(word);
      return lookUp(word, stats, lang || null);
    });
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
