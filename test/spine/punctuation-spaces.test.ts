import fc from 'fast-check'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { isCjkPunctuationUnit, isLatinOrDigitCode } from '../../src/chars.js'
import { PUNCTUATION_GATE, punctuationRules, punctuationScannedRules, scanPunctuation, SPACE_AFTER_MARK, SPACE_BEFORE_MARK } from '../../src/steps/punctuation/rules.js'
import { guarded, isFence, mayHaveSpans, SPAN_GATE } from '../../src/steps/protect.js'
import { applyEdits as applyAll, changeRecords, logChanges, runScannedRules, type LineRule } from '../../src/tree/edit.js'
import { parseText } from '../../src/tree/parse.js'
import { stringifyRoot } from '../../src/tree/stringify.js'
import type { Edit } from '../../src/types.js'
import { runRules } from '../helpers/line-rules.js'

/*
 * Fast paths of the punctuation step held to the expressions they stand for: the two space rules scan by char codes
 * (the reference runs their expressions with `exec`), the gate of protected spans is a pass by char codes (the
 * reference is the expression), and after an edit the pre-scan looks again only around what changed.
 */

const edit = (start: number, end: number, actual: string, why: string, ruleId: string): Edit => ({
  start,
  end,
  replacement: '',
  ruleId,
  reason: `Unexpected \`${actual}\` ${why}, expected \`\``,
  confident: true,
})

const referenceSpaceBefore: LineRule = (line) => {
  const edits: Edit[] = []
  for (const m of line.matchAll(new RegExp(SPACE_BEFORE_MARK.source, 'g'))) {
    edits.push(edit(m.index, m.index + m[0].length, m[0], `before \`${line[m.index + m[0].length]}\``, 'punctuation/space-before-mark'))
  }
  return edits
}
const referenceSpaceAfter: LineRule = (line) => {
  const edits: Edit[] = []
  for (const m of line.matchAll(new RegExp(SPACE_AFTER_MARK.source, 'g'))) {
    const at = m.index - 1
    if ('”’」』）》】'.includes(line[at]!) && isLatinOrDigitCode(line.charCodeAt(at - 1))) continue
    edits.push(edit(m.index, m.index + m[0].length, m[0], `after \`${line[at]}\``, 'punctuation/space-after-mark'))
  }
  return edits
}

const options = { script: 'zh-Hans' as const, convention: 'cn' as const, conventionGiven: false, quotes: true, spacing: false }
const fast = punctuationRules(options)
const last = fast.length - 1
// spaceBeforeMark and spaceAfterMark are the last two rules: the reference swaps in the two written with expressions.
const reference = fast.map((rule, k) => (k === last - 1 ? guarded(referenceSpaceBefore, true) : k === last ? guarded(referenceSpaceAfter, true) : rule))

const run = runRules

const UNITS = [
  ' ', '  ', '\u3000', '\t', '\u00a0', '\u1680', '\u2000', '\u200a', '\u200b', '\u202f', '\u205f', '\u2028', '\ufeff', '\r', '\u000b',
  '，', '、', '。', '；', '：', '？', '！', '」', '』', '”', '’', '）', '》', '〉', '】', '〕', '「', '“', '—', '…', '·', '\u3001', '\u303f',
  '\uff01', '\uff65', '\uff66', '中', '文', '\u3400', '\u4dbf', '\u9fff', '\u{20000}', '\ud840', '\ud888', '\ud889', '\udc00',
  'a', 'Z', '1', ',', '.', '(', ')', '"', ':', '`', '/', '@', '=', 'www.', '\n',
]
const textOf = (units: string[], maxLength = 40) => fc.array(fc.constantFrom(...units), { maxLength }).map((parts) => parts.join(''))

describe('the space rules of the punctuation step, by char codes', () => {
  it('give what their expressions give on strings of the characters they look at', () => {
    fc.assert(fc.property(textOf(UNITS), (t) => {
      expect(run(t, fast)).toEqual(run(t, reference))
    }), { numRuns: 5000 })
  })
  it('and on the strings random runs once found them to disagree on', () => {
    for (const t of ['，  \u3000x', '， \u3000\u3000 x', '」 \u3000', 'a」 中', '\t ，', '中 \u3000，', '\u3000 ，']) expect(run(t, fast)).toEqual(run(t, reference))
  })
  it('and on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (t) => {
      expect(run(t, fast)).toEqual(run(t, reference))
    }), { numRuns: 2000 })
  })
})

const GATE_UNITS = ['`', '<', '{', '[', '@', '/', '\\', '=', '(', ')', ']', '$', '_', 'a', 'Z', '0', '9', '.', ':', ',', 'w', 'ww', 'www', 'W', '"', ' ', '\t', '\u3000', '\u2028', '\ufeff', '\u00a0', '\u200b', '中', '，', '\r']

describe('the gate of protected spans, by char codes', () => {
  it('is the expression on strings of the characters it looks at', () => {
    fc.assert(fc.property(textOf(GATE_UNITS, 12), (t) => {
      expect(mayHaveSpans(t)).toBe(SPAN_GATE.test(t))
    }), { numRuns: 20000 })
  })
  it('and on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (t) => {
      expect(mayHaveSpans(t)).toBe(SPAN_GATE.test(t))
    }), { numRuns: 5000 })
  })
})

describe('the pre-scan of a line after an edit', () => {
  // Three passes, as the step runs them: a line changed is looked at again with the scan of what changed around its edits.
  const scanned = punctuationScannedRules(options)
  const rules = scanned.map((entry) => entry.rule)
  function runScanned(text: string) {
    const tree = parseText(text)
    const file = new VFile({ value: text })
    logChanges(file, 'records')
    runScannedRules(tree, file, scanPunctuation, scanned, undefined, 3)
    return { text: stringifyRoot(tree), records: changeRecords(file) }
  }
  function runAll(text: string) {
    const tree = parseText(text)
    const file = new VFile({ value: text })
    logChanges(file, 'records')
    // The same passes without any scan: every rule on every line, again while a rule after the first changed it.
    for (const node of tree.children) {
      if (node.value.length === 0) continue
      for (let pass = 0; pass < 3; pass++) {
        let changed = false
        rules.forEach((rule, r) => {
          const edits = rule(node.value, { index: tree.children.indexOf(node), root: tree, file })
          if (edits.length > 0 && applyAll(file, node, edits) > 0 && r > 0) changed = true
        })
        if (!changed) break
      }
    }
    return { text: stringifyRoot(tree), records: changeRecords(file) }
  }
  it('finds what every rule run on every line finds', () => {
    fc.assert(fc.property(textOf(UNITS, 30), (t) => {
      expect(runScanned(t)).toEqual(runAll(t))
    }), { numRuns: 4000 })
  })
})


/** The gate as one expression with its alternatives, and a space after a full-width mark looked for by units. */
const referenceGate = (line: string): boolean =>
  /[,;:?!()".…\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000-]|。。| [，、。；：？！」』”’）》〉】〕]/.test(line) || line.split('').some((c, k) => k > 0 && c === ' ' && isCjkPunctuationUnit(line[k - 1]))

describe('the punctuation gate, a class and two looks by indexOf', () => {
  it('is the expression of its alternatives on strings of the characters it looks at', () => {
    fc.assert(fc.property(textOf(UNITS, 12), (t) => {
      expect(PUNCTUATION_GATE.test(t)).toBe(referenceGate(t))
    }), { numRuns: 20000 })
  })
  it('and on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (t) => {
      expect(PUNCTUATION_GATE.test(t)).toBe(referenceGate(t))
    }), { numRuns: 5000 })
  })
})

/** A fence as the first ``` (else the first ~~~) after spaces only, looked for through the whole line. */
function referenceFence(value: string): boolean {
  const k = value.indexOf('```') === -1 ? value.indexOf('~~~') : value.indexOf('```')
  return k !== -1 && /^[ \t\u00a0\u3000]*$/.test(value.slice(0, k))
}

describe('a fence line', () => {
  it('is found where its spaces end as through the whole line', () => {
    const text = textOf(['`', '``', '```', '~', '~~', '~~~', ' ', '\t', '\u00a0', '\u3000', '\u2000', 'a', '中'], 10)
    fc.assert(fc.property(text, (t) => {
      expect(isFence(t)).toBe(referenceFence(t))
    }), { numRuns: 20000 })
  })
})
