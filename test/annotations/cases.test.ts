// Case tables of the annotations step: test/cases/annotations/*.json (each case names its source; the in-the-wild
// and replay cases are made by scripts/gen-annotation-cases.ts, the negative ones are written out by hand).
import { runCaseTables } from '../helpers/cases.js'

runCaseTables('annotations')
