// The playground page: reads the input, hands it to the worker, shows what came back. No framework, no network.
import { STEP_NAMES, type Script, type StepName, type TidyMessage } from '../src/types.js'
import type { PlacedChange, TidyReply, TidyRequest, WorkerMessage } from './protocol.js'

/** Past these, the page shows the first ones and says how many more there are (the text and counts stay whole). */
const MAX_MARKS = 5000
const MAX_LIST = 1000
/** Characters per block of the highlighted text. */
const CHUNK = 4000
/**
 * A paste longer than this is held by the page and only its start shown in the box, read-only: a browser lays out
 * a textarea of 1 MB for about half a second on the main thread, and that is the page frozen.
 */
const PREVIEW_CHARS = 20_000
/** The page renders a result in slices of about this many milliseconds, and lets the browser paint in between. */
const SLICE_MS = 12

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
const progressBar = $<HTMLProgressElement>('progress')
const preview = $<HTMLParagraphElement>('preview')
const previewText = $<HTMLSpanElement>('preview-text')
const editWhole = $<HTMLButtonElement>('edit-whole')

let input: string | Uint8Array = ''
let fileName = 'text.txt'
/** The newest run asked for; a reply or a render for any other is stale and dropped. */
let requestId = 0
/** The run the worker is busy with, if any, and the length of its input. */
let inFlight: number | undefined
let inFlightLength = 0
/**
 * A newer input stops a run on an input longer than this (a worker takes about a second per 300,000 characters) and
 * starts a fresh worker; a shorter run is left to finish, its reply dropped, as a fresh worker takes longer to load.
 */
const RESTART_LENGTH = 50_000
let cleaned = ''
/** The box shows only the start of `input` (a long paste). */
let previewing = false

/** The worker that runs zhtidy; another replaces it when a newer input overtakes a long run (RESTART_LENGTH). */
function startWorker(): Worker {
  const w = new Worker('worker.js')
  w.onmessage = ({ data }: MessageEvent<WorkerMessage>) => {
    if (data.id !== requestId) return // an older run, overtaken by a newer one
    if ('progress' in data) {
      setBusy(data.label, data.done, data.total)
      return
    }
    inFlight = undefined
    if (!data.ok) {
      setState('error', `Error: ${data.error}`)
      return
    }
    void show(data, data.id)
  }
  w.onerror = (event) => {
    inFlight = undefined
    setState('error', `Error in the worker: ${event.message}`)
  }
  return w
}
let worker = startWorker()

function setState(state: 'idle' | 'working' | 'done' | 'error', text: string): void {
  document.body.dataset.state = state
  output.setAttribute('aria-busy', String(state === 'working'))
  status.textContent = text
  if (state !== 'working') progressBar.hidden = true
}

/** The page is working: `done` of `total` stages so far. */
function setBusy(label: string, done: number, total: number): void {
  setState('working', label)
  progressBar.hidden = false
  progressBar.max = total
  progressBar.value = done
}

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
  clearTimeout(typing)
  const id = ++requestId
  if (input === '' || (input instanceof Uint8Array && input.length === 0)) {
    setState('idle', 'Paste text or open a file to begin.')
    return
  }
  if (inFlight !== undefined && inFlightLength > RESTART_LENGTH) {
    // The worker is still on a long older input: stop it rather than wait for a result nobody will see.
    worker.terminate()
    worker = startWorker()
  }
  inFlight = id
  inFlightLength = input.length
  setBusy('Cleaning', 0, 1)
  const request: TidyRequest = { id, input, script: scriptSelect.value as Script, skip: skipped() }
  worker.postMessage(request)
}

let typing: ReturnType<typeof setTimeout> | undefined
source.addEventListener('input', () => {
  input = source.value
  fileName = 'text.txt'
  clearTimeout(typing)
  typing = setTimeout(run, 300)
})
scriptSelect.addEventListener('change', run)

/** Takes `text` as the input: whole in the box when it is short, its start only (read-only) when it is long. */
function setTextInput(text: string): void {
  input = text
  fileName = 'text.txt'
  previewing = text.length > PREVIEW_CHARS
  source.readOnly = previewing
  if (previewing) {
    const cut = text.lastIndexOf('\n', PREVIEW_CHARS)
    source.value = text.slice(0, cut > PREVIEW_CHARS / 2 ? cut + 1 : PREVIEW_CHARS)
    previewText.textContent = `The box shows the first ${source.value.length.toLocaleString('en')} of ${text.length.toLocaleString('en')} characters, read-only; the whole text is cleaned. Paste again to replace it.`
  } else source.value = text
  preview.hidden = !previewing
  run()
}

// A long paste is taken by the page (see PREVIEW_CHARS); a short one is left to the browser, whose input event follows.
source.addEventListener('paste', (event) => {
  const text = event.clipboardData?.getData('text/plain') ?? ''
  if (!previewing && text.length <= PREVIEW_CHARS) return
  event.preventDefault()
  const whole = previewing ? text : source.value.slice(0, source.selectionStart) + text + source.value.slice(source.selectionEnd)
  setTextInput(whole)
})
editWhole.addEventListener('click', () => {
  if (typeof input !== 'string') return
  previewing = false
  source.readOnly = false
  preview.hidden = true
  source.value = input
  source.focus()
})

async function openFile(file: File): Promise<void> {
  fileName = file.name
  // The file's bytes, not a decoded string: zhtidy detects the encoding.
  input = new Uint8Array(await file.arrayBuffer())
  previewing = false
  source.readOnly = false
  preview.hidden = true
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

/** Lets the browser handle input; resolves on its next turn. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

/** Lets the browser lay out and paint what was added; resolves after its next frame (or 100 ms when it draws none). */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer)
      setTimeout(resolve, 0)
    }
    const timer = setTimeout(done, 100)
    requestAnimationFrame(done)
  })
}

/** Highlights added to the page per frame: styling and laying out 5,000 at once holds a page for a quarter second. */
const MARKS_PER_FRAME = 500

/**
 * Shows the reply of run `id`, in slices of about SLICE_MS between which the page stays live. Everything is built
 * off the document and swapped in at the end, so a render overtaken by a newer input stops and leaves nothing of
 * itself on the page.
 */
async function show(reply: TidyReply, id: number): Promise<void> {
  let sliceStart = performance.now()
  const current = async (): Promise<boolean> => {
    if (performance.now() - sliceStart >= SLICE_MS) {
      await nextTurn()
      sliceStart = performance.now()
    }
    return id === requestId
  }
  setBusy('Showing the result', 0, 1)
  const view = reply.placed ? await renderPlaced(reply.text, reply.placed, reply.placedTotal, current) : renderUnplaced(reply.text, reply.messages ?? [])
  if (!view || !(await current())) return
  // The text block by block, a frame's worth of highlights at a time; then the rest all at once.
  output.replaceChildren()
  let marks = 0
  for (const [i, block] of view.text.entries()) {
    if (typeof block !== 'string' && marks + block.childElementCount > MARKS_PER_FRAME && marks > 0) {
      setBusy('Showing the result', i, view.text.length)
      await nextFrame()
      if (id !== requestId) return
      marks = 0
    }
    output.append(block)
    if (typeof block !== 'string') marks += block.childElementCount
  }
  list.replaceChildren(view.list)
  more.hidden = view.more === undefined
  more.textContent = view.more ?? ''
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
  setState('done', `Done in ${Math.round(reply.ms)} ms: ${applied} change${applied === 1 ? '' : 's'}, ${warned} warning${warned === 1 ? '' : 's'}.`)
}

/** The changes under each highlight, for its tooltip. */
const tipOf = new WeakMap<Element, PlacedChange[]>()

/**
 * Gives a highlight its tooltip (rule, before and after of each change under it) the first time it is hovered or
 * focused: built for every one of 5,000 highlights up front, the tooltips would be most of what the page lays out.
 */
function addTip(event: Event): void {
  const mark = (event.target as Element | null)?.closest?.('mark')
  const changes = mark ? tipOf.get(mark) : undefined
  if (!mark || !changes || mark.querySelector('.tip')) return
  const tip = el('span', 'tip')
  tip.setAttribute('role', 'tooltip')
  tip.setAttribute('aria-hidden', 'true') // the mark's aria-description says the same
  for (const c of changes.slice(0, 12)) {
    const line = el('span')
    line.style.display = 'block'
    line.append(el('code', '', c.ruleId), c.severity === 'info' ? ': ' : ' (left as it was): ')
    beforeAfter(line, c.before, c.after)
    tip.append(line)
  }
  if (changes.length > 12) tip.append(el('span', '', `…and ${changes.length - 12} more in this stretch`))
  mark.append(tip)
}
output.addEventListener('focusin', addTip)
output.addEventListener('mouseover', addTip)

/** What show() swaps in: the cleaned text (highlighted), the list of changes, and a note when either is cut. */
interface View {
  /** The cleaned text in blocks of about CHUNK characters. */
  text: (HTMLElement | string)[]
  list: DocumentFragment
  more: string | undefined
}

/**
 * The cleaned text with each change (or group of overlapping ones) as a focusable <mark>, and the list beside it.
 * Awaits `current()` between pieces of work (it yields when the slice is spent) and gives up when it says the run
 * is stale.
 */
async function renderPlaced(text: string, placed: PlacedChange[], total: number, current: () => Promise<boolean>): Promise<View | undefined> {
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
  let chunk = el('div', 'chunk')
  let size = 0
  const blocks: HTMLElement[] = [chunk]
  const plainText = (s: string): void => {
    let from = 0
    while (size + (s.length - from) > CHUNK) {
      const cut = s.indexOf('\n', from + Math.max(0, CHUNK - size))
      if (cut === -1) break
      chunk.append(s.slice(from, cut + 1))
      chunk = el('div', 'chunk')
      blocks.push(chunk)
      size = 0
      from = cut + 1
    }
    chunk.append(s.slice(from))
    size += s.length - from
  }
  const markOf = new Map<number, HTMLElement>()
  let at = 0
  for (const [n, g] of groups.slice(0, MAX_MARKS).entries()) {
    if (n % 64 === 0 && !(await current())) return undefined
    if (g.start > at) plainText(text.slice(at, g.start))
    const mark = el('mark')
    mark.tabIndex = 0
    mark.id = `change-${n}`
    const changes = g.changes.map((i) => placed[i]!)
    if (changes.every((c) => c.severity !== 'info')) mark.classList.add('warning')
    if (g.start === g.end) mark.classList.add('deletion')
    mark.dataset.rules = [...new Set(changes.map((c) => c.ruleId))].join(' ')
    mark.append(text.slice(g.start, g.end))
    // Its tooltip is built when first hovered or focused (see addTip); a screen reader has the same as a description.
    tipOf.set(mark, changes)
    mark.setAttribute('aria-description', changes.slice(0, 12).map((c) => `${c.ruleId}${c.severity === 'info' ? '' : ' (left as it was)'}: ${c.before || '∅'} → ${c.after || '(removed)'}`).join('; '))
    for (const i of g.changes) markOf.set(i, mark)
    chunk.append(mark)
    size += g.end - g.start
    at = g.end
  }
  plainText(text.slice(at))

  const items = document.createDocumentFragment()
  for (const [i, c] of placed.slice(0, MAX_LIST).entries()) {
    if (i % 64 === 0 && !(await current())) return undefined
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
    items.append(li)
  }
  const highlighted = groups.length > MAX_MARKS || total > placed.length
  const cutShort = total > MAX_LIST || highlighted
  return {
    text: blocks,
    list: items,
    more: cutShort
      ? `Listing the first ${Math.min(MAX_LIST, total)} of ${total} changes${highlighted ? `; highlights stop after the first ${Math.min(MAX_MARKS, groups.length)} stretches` : ''}. The counts and the download are complete.`
      : undefined,
  }
}

/** Fallback: the changes could not be placed on the cleaned text; list them with their places in the input. */
function renderUnplaced(text: string, messages: TidyMessage[]): View {
  const items = document.createDocumentFragment()
  for (const m of messages.slice(0, MAX_LIST)) {
    const li = el('li')
    li.dataset.rule = m.ruleId
    li.dataset.severity = m.severity
    li.append(el('span', 'rule', m.ruleId), `input line ${m.line}, column ${m.column}: `)
    beforeAfter(li, m.actual ?? '', m.expected?.[0] ?? '')
    items.append(li)
  }
  return { text: [text], list: items, more: 'These changes could not be placed on the cleaned text; their places are in the input.' }
}
