// The playground page: reads the input, hands it to the worker, shows what came back. No framework, no network.
import { STEP_NAMES, type Script, type StepName, type TidyMessage } from '../src/types.js'
import type { PlacedChange, TidyFailure, TidyReply, TidyRequest } from './protocol.js'

/** Past these, the page shows the first ones and says how many more there are (the text and counts stay whole). */
const MAX_MARKS = 5000
const MAX_LIST = 1000
/** Characters per block of the highlighted text. */
const CHUNK = 4000

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T
const source = $<HTMLTextAreaElement>('source')
const fileInput = $<HTMLInputElement>('file')
const drop = $<HTMLDivElement>('drop')
const scriptSelect = $<HTMLSelectElement>('script')
const status = $<HTMLParagraphElement>('status')
const detectedList = $<HTMLDListElement>('detected')
const output = $<HTMLDivElement>('output')
const plain = $<HTMLPreElement>('plain')
const download = $<HTMLButtonElement>('download')
const counts = $<HTMLTableElement>('counts')
const list = $<HTMLOListElement>('list')
const more = $<HTMLParagraphElement>('more')
const stepsBox = $<HTMLDivElement>('steps')

const worker = new Worker('worker.js')
let input: string | Uint8Array = ''
let fileName = 'text.txt'
let requestId = 0
let cleaned = ''

for (const step of STEP_NAMES) {
  const label = document.createElement('label')
  const box = document.createElement('input')
  box.type = 'checkbox'
  box.checked = true
  box.value = step
  box.name = 'step'
  box.id = `step-${step}`
  box.addEventListener('change', run)
  label.append(box, step)
  stepsBox.append(label)
}

function skipped(): StepName[] {
  return [...stepsBox.querySelectorAll<HTMLInputElement>('input[name=step]')].filter((b) => !b.checked).map((b) => b.value as StepName)
}

function run(): void {
  if (input === '' || (input instanceof Uint8Array && input.length === 0)) {
    status.textContent = 'Paste text or open a file to begin.'
    return
  }
  const id = ++requestId
  document.body.dataset.state = 'working'
  status.textContent = 'Cleaning'
  const request: TidyRequest = { id, input, script: scriptSelect.value as Script, skip: skipped() }
  worker.postMessage(request)
}

worker.onmessage = ({ data }: MessageEvent<TidyReply | TidyFailure>) => {
  if (data.id !== requestId) return // an older run, overtaken by a newer one
  if (!data.ok) {
    document.body.dataset.state = 'error'
    status.textContent = `Error: ${data.error}`
    return
  }
  show(data)
  document.body.dataset.state = 'done'
}
worker.onerror = (event) => {
  document.body.dataset.state = 'error'
  status.textContent = `Error in the worker: ${event.message}`
}

let typing: ReturnType<typeof setTimeout> | undefined
source.addEventListener('input', () => {
  input = source.value
  fileName = 'text.txt'
  clearTimeout(typing)
  typing = setTimeout(run, 300)
})
scriptSelect.addEventListener('change', run)

async function openFile(file: File): Promise<void> {
  fileName = file.name
  // The file's bytes, not a decoded string: zhtidy detects the encoding.
  input = new Uint8Array(await file.arrayBuffer())
  source.value = ''
  source.placeholder = `Opened ${file.name} (${input.length.toLocaleString('en')} bytes). Type here to clean typed text instead.`
  run()
}
fileInput.addEventListener('change', () => {
  const file = fileInput.files?.[0]
  if (file) void openFile(file)
})
drop.addEventListener('dragover', (event) => {
  event.preventDefault()
  drop.classList.add('over')
})
drop.addEventListener('dragleave', () => drop.classList.remove('over'))
drop.addEventListener('drop', (event) => {
  event.preventDefault()
  drop.classList.remove('over')
  const file = event.dataTransfer?.files[0]
  if (file) void openFile(file)
})

download.addEventListener('click', () => {
  const url = URL.createObjectURL(new Blob([cleaned], { type: 'text/plain;charset=utf-8' }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName.replace(/(\.[^.]*)?$/, '.clean.txt')
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
})

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text !== undefined) node.textContent = text
  return node
}

function beforeAfter(parent: HTMLElement, before: string, after: string): void {
  parent.append(el('span', 'before', before === '' ? '∅' : before), ' → ', el('span', 'after', after === '' ? '(removed)' : after))
}

function show(reply: TidyReply): void {
  cleaned = reply.text
  plain.textContent = reply.text
  download.disabled = false
  const perRule = new Map(Object.entries(reply.counts))
  let applied = 0
  let warned = 0
  for (const [a, w] of perRule.values()) {
    applied += a
    warned += w
  }
  status.textContent = `Done in ${Math.round(reply.ms)} ms: ${applied} change${applied === 1 ? '' : 's'}, ${warned} warning${warned === 1 ? '' : 's'}.`

  const d = reply.detected
  detectedList.replaceChildren()
  const rows: [string, string][] = [
    ['Encoding', `${d.encoding} (confidence ${d.confidence.toFixed(2)})`],
    ['Script', `${d.script.label}: ${d.script.simplified} simplified-only, ${d.script.traditional} traditional-only of ${d.script.han} Han characters`],
    ['Machine-converted', d.script.machineConverted ? `yes${d.script.signs ? ` (${d.script.signs.pinyin} glued pinyin, ${d.script.signs.minority} minority-script)` : ''}` : 'no'],
    ['Mojibake', Object.keys(d.mojibake).length ? Object.entries(d.mojibake).map(([r, n]) => `${r} ×${n}`).join(', ') : 'none found'],
  ]
  for (const [term, value] of rows) detectedList.append(el('dt', '', term), el('dd', '', value))
  detectedList.dataset.encoding = d.encoding
  detectedList.dataset.script = d.script.label
  detectedList.hidden = false

  // Counts per rule.
  const body = counts.tBodies[0]!
  body.replaceChildren()
  for (const [rule, [a, w]] of [...perRule].sort((x, y) => y[1][0] + y[1][1] - (x[1][0] + x[1][1]) || x[0].localeCompare(y[0]))) {
    const tr = el('tr')
    tr.dataset.rule = rule
    tr.append(el('td', '', rule), el('td', '', String(a)), el('td', '', String(w)))
    body.append(tr)
  }

  if (reply.placed) renderPlaced(reply.text, reply.placed, reply.placedTotal)
  else renderUnplaced(reply.text, reply.messages ?? [])
}

/** The cleaned text with each change (or group of overlapping ones) as a focusable <mark>, and the list beside it. */
function renderPlaced(text: string, placed: PlacedChange[], total: number): void {
  const groups: { start: number; end: number; changes: number[] }[] = []
  placed.forEach((c, i) => {
    const last = groups[groups.length - 1]
    if (last && (c.start < last.end || (c.start === last.end && c.start === c.end && last.start === last.end))) {
      last.end = Math.max(last.end, c.end)
      last.changes.push(i)
    } else groups.push({ start: c.start, end: c.end, changes: [i] })
  })
  // The text goes in blocks of about CHUNK characters, cut at line breaks outside highlights, each laid out only
  // when scrolled near (content-visibility): a 1 MB text does not hold the page while the browser lays it out.
  const fragment = document.createDocumentFragment()
  let chunk = el('div', 'chunk')
  let size = 0
  fragment.append(chunk)
  const plainText = (s: string): void => {
    let from = 0
    while (size + (s.length - from) > CHUNK) {
      const cut = s.indexOf('\n', from + Math.max(0, CHUNK - size))
      if (cut === -1) break
      chunk.append(s.slice(from, cut + 1))
      chunk = el('div', 'chunk')
      fragment.append(chunk)
      size = 0
      from = cut + 1
    }
    chunk.append(s.slice(from))
    size += s.length - from
  }
  const markOf = new Map<number, HTMLElement>()
  let at = 0
  groups.slice(0, MAX_MARKS).forEach((g, n) => {
    if (g.start > at) plainText(text.slice(at, g.start))
    const mark = el('mark')
    mark.tabIndex = 0
    mark.id = `change-${n}`
    const changes = g.changes.map((i) => placed[i]!)
    if (changes.every((c) => c.severity !== 'info')) mark.classList.add('warning')
    if (g.start === g.end) mark.classList.add('deletion')
    mark.dataset.rules = [...new Set(changes.map((c) => c.ruleId))].join(' ')
    mark.append(text.slice(g.start, g.end))
    const tip = el('span', 'tip')
    tip.setAttribute('role', 'tooltip')
    tip.id = `tip-${n}`
    for (const c of changes.slice(0, 12)) {
      const line = el('span')
      line.style.display = 'block'
      line.append(el('code', '', c.ruleId), c.severity === 'info' ? ': ' : ' (left as it was): ')
      beforeAfter(line, c.before, c.after)
      tip.append(line)
    }
    if (changes.length > 12) tip.append(el('span', '', `…and ${changes.length - 12} more in this stretch`))
    mark.setAttribute('aria-describedby', tip.id)
    mark.append(tip)
    for (const i of g.changes) markOf.set(i, mark)
    chunk.append(mark)
    size += g.end - g.start
    at = g.end
  })
  plainText(text.slice(at))
  output.replaceChildren(fragment)

  list.replaceChildren()
  placed.slice(0, MAX_LIST).forEach((c, i) => {
    const li = el('li')
    li.dataset.rule = c.ruleId
    li.dataset.severity = c.severity
    const button = el('button')
    button.type = 'button'
    button.append(el('span', 'rule', c.ruleId), `line ${c.line}, column ${c.column}${c.severity === 'info' ? '' : ' (warning, left as it was)'}: `)
    beforeAfter(button, c.before, c.after)
    button.title = c.reason + (c.note ? `\n${c.note}` : '')
    const mark = markOf.get(i)
    if (mark) {
      button.setAttribute('aria-controls', mark.id)
      button.addEventListener('click', () => {
        output.querySelector('mark.current')?.classList.remove('current')
        mark.classList.add('current')
        mark.scrollIntoView({ block: 'center' })
        mark.focus()
      })
    }
    li.append(button)
    list.append(li)
  })
  const highlighted = groups.length > MAX_MARKS || total > placed.length
  more.hidden = total <= MAX_LIST && !highlighted
  more.textContent = `Listing the first ${Math.min(MAX_LIST, total)} of ${total} changes${highlighted ? `; highlights stop after the first ${Math.min(MAX_MARKS, groups.length)} stretches` : ''}. The counts and the download are complete.`
}

/** Fallback: the changes could not be placed on the cleaned text; list them with their places in the input. */
function renderUnplaced(text: string, messages: TidyMessage[]): void {
  output.replaceChildren(text)
  list.replaceChildren()
  for (const m of messages.slice(0, MAX_LIST)) {
    const li = el('li')
    li.dataset.rule = m.ruleId
    li.dataset.severity = m.severity
    li.append(el('span', 'rule', m.ruleId), `input line ${m.line}, column ${m.column}: `)
    beforeAfter(li, m.actual ?? '', m.expected?.[0] ?? '')
    list.append(li)
  }
  more.hidden = false
  more.textContent = 'These changes could not be placed on the cleaned text; their places are in the input.'
}
