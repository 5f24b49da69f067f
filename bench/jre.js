'use strict'
/*
 * One run of json-rules-engine 7 over a rule set written by bench/jre.py:
 *
 *   node bench/jre.js DIR/rules.json
 *
 * reads the file, builds an Engine from its rules, runs it once over its
 * facts and prints the verification line that bench/clips.py and
 * bench/jre.py compare with knotwise's:
 *
 *   fired=N sum=S final=F
 *   rules=ID ID ...          (the rules that fired, in the order they fired)
 *
 * Every rule's event carries its actions as params: {i, set, suspect}.
 * One 'success' handler carries them out, like a CLIPS rule's right-hand
 * side: `set F` becomes almanac.addRuntimeFact(F, true), so that rules
 * evaluated later read it; `suspect K CF` combines CF into knot K's
 * certainty as MYCIN does (SPEC section 2); every firing counts and adds
 * its rule's index i to the checksum.
 *
 * json-rules-engine evaluates each rule once, one priority set after the
 * other (highest first), and the rules of one set side by side: a rule
 * reads its facts when its set starts.  bench/jre.py therefore gives a rule
 * that tests a fact a lower priority than every rule that sets it; that is
 * what makes a chain fire through.  Facts nothing set are undefined
 * (allowUndefinedFacts), and every test on them is false, as in knotwise.
 */
const fs = require('fs')
const { Engine } = require('json-rules-engine')

function mycin (a, b) {
  if (a >= 0 && b >= 0) return a + b * (1 - a)
  if (a < 0 && b < 0) return a + b * (1 + a)
  return (a + b) / (1 - Math.min(Math.abs(a), Math.abs(b)))
}

async function main (path) {
  const spec = JSON.parse(fs.readFileSync(path, 'utf8'))
  const engine = new Engine([], { allowUndefinedFacts: true })
  for (const rule of spec.rules) engine.addRule(rule)

  let fired = 0
  let sum = 0
  const names = []
  const cf = {}
  engine.on('success', (event, almanac) => {
    const p = event.params
    fired += 1
    sum += p.i
    names.push(event.type)
    for (const fact of p.set || []) almanac.addRuntimeFact(fact, true)
    for (const [knot, c] of p.suspect || []) cf[knot] = mycin(cf[knot] || 0, c)
  })

  const { almanac } = await engine.run(spec.facts)
  const fin = spec.final
  let final = 'none'
  if (fin && (await almanac.factValue(fin.fact)) === true &&
      (!fin.knot || (cf[fin.knot] || 0) >= fin.min)) {
    final = fin.knot || fin.fact
  }
  process.stdout.write(`fired=${fired} sum=${sum} final=${final}\nrules=${names.join(' ')}\n`)
}

main(process.argv[2]).catch((err) => {
  process.stderr.write(`jre.js: ${err && err.stack ? err.stack : err}\n`)
  process.exit(1)
})
