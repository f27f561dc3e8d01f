import { runCaseTables } from '../helpers/cases.js'

runCaseTables('script')
