export { tidy, detect, processorFor } from './tidy.js'
export type { TidyOptions } from './tidy.js'
export { createProcessor } from './processor.js'
export type { ZhtidyProcessor } from './processor.js'
export { preset, steps, selectedSteps } from './preset.js'
export type { PresetOptions, StepOptions } from './preset.js'
export { zhtidyParse } from './tree/parse.js'
export { zhtidyStringify } from './tree/stringify.js'
export { zhtidyEncoding } from './steps/encoding/index.js'
export { zhtidyUnicode } from './steps/unicode/index.js'
export { zhtidyAnnotations } from './steps/annotations/index.js'
export { zhtidyScript } from './steps/script/index.js'
export { zhtidyBoilerplate } from './steps/boilerplate/index.js'
export { zhtidyPunctuation } from './steps/punctuation/index.js'
export { decodeBytes } from './decode/index.js'
export { applyPlan } from './plan.js'
export type { Plan, PlanStep } from './plan.js'
export type { Decoded } from './decode/index.js'
export { countLines } from './corpus/count.js'
export { LineTable } from './corpus/table.js'
export type { LineTableOptions, TableEntry, TableHeader } from './corpus/table.js'
export type { RepeatedOptions } from './corpus/repeated.js'
export { ZhtidyError } from './errors.js'
export type { ZhtidyErrorCode } from './errors.js'
export { STEP_NAMES, SCRIPTS } from './types.js'
export type {
  StepName,
  Script,
  ScriptLabel,
  ScriptReport,
  ScriptSigns,
  ParagraphScript,
  TidyResult,
  TidyMessage,
  DetectResult,
  Edit,
  LineNode,
  Root,
} from './types.js'
export { createTidyStream } from './stream/web.js'
export type { TidyStreamOptions } from './stream/web.js'
export type { DocumentReport } from './stream/types.js'
