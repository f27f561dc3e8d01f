// Case tables of the encoding step: test/cases/encoding/*.json (sources in each case).
import { runCaseTables } from '../helpers/cases.js'

runCaseTables('encoding')
