// Runs SPARQL queries with Comunica (an independent engine, from npm) over one Turtle or N-Triples
// file, read once into Comunica's own indexed store (rdf-stores, parsed by N3.js: a third faster
// than a file source for these queries), in one process: node run-queries.js DATA_FILE
// QUERIES_JSON prints a JSON list, one entry per query:
// {"results": "<SPARQL JSON results>"} or {"error": "<first line of the message>"}. An optional
// third argument limits each query's time in seconds (default 120).
const fs = require('fs');
const { QueryEngine } = require('@comunica/query-sparql-file');
const { Parser } = require('n3');
const { RdfStore } = require('rdf-stores');

// A failure thrown from the iterators of a query already given up on is not this run's failure.
process.on('uncaughtException', (error) => console.error(`stray: ${String(error).split('\n')[0]}`));

async function main() {
  const [file, queriesFile, seconds] = process.argv.slice(2);
  const limit = 1000 * Number(seconds || 120);
  const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8'));
  const engine = new QueryEngine();
  const store = RdfStore.createDefault();
  for (const quad of new Parser().parse(fs.readFileSync(file, 'utf8'))) store.addQuad(quad);
  const out = [];
  for (const query of queries) {
    // Some failures are thrown from Comunica's iterators, outside the awaited promise: they count
    // as this query's error too.
    let fail;
    const crashed = new Promise((_, reject) => { fail = reject; });
    const onCrash = (error) => fail(error);
    process.on('uncaughtException', onCrash);
    try {
      const run = (async () => {
        const result = await engine.query(query, { sources: [store] });
        const { data } = await engine.resultToString(result, 'application/sparql-results+json');
        let text = '';
        for await (const chunk of data) text += chunk;
        return text;
      })();
      const started = Date.now();
      let timer;
      const late = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${limit / 1000} s`)), limit);
      });
      try {
        out.push({ results: await Promise.race([run, crashed, late]) });
      } finally {
        clearTimeout(timer);
        console.error(`${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
    } catch (error) {
      out.push({ error: String(error && error.message || error).split('\n')[0] });
    } finally {
      process.removeListener('uncaughtException', onCrash);
    }
  }
  process.stdout.write(JSON.stringify(out), () => process.exit(0));  // leave stray iterators behind
}

main().catch((error) => { console.error(String(error).split('\n')[0]); process.exit(1); });
