import { runCaseTables } from '../helpers/cases.js'

runCaseTables('unicode')
