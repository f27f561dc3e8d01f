#!/usr/bin/env node
// Fills the local page cache (.cache/pages/<id>.txt, or $ZHTIDY_PAGES_CACHE) with the text of every labelled
// boilerplate page whose source is a record of a public data set in a GitHub repository
// (test/cases/boilerplate/pages/<id>.json, `source: { repo, path, commit, record, field }`). The page text is not
// in this repository; its labels are, each with a hash of its line, and this script checks every hash after writing.
//
// Usage: node scripts/fetch-pages.mjs [--mirror DIR] [--git-dir OWNER/NAME=GITDIR]... [--split dev|eval|fresh|fresh2] [--force] [ID...]
//   --git-dir OWNER/NAME=GITDIR  read OWNER/NAME's files from a local git directory (git show COMMIT:PATH)
//   --split NAME                 only the pages of one split (a fresh batch is fetched and measured on its own)
//   --mirror DIR                 look for OWNER/NAME in DIR/OWNER+NAME/repo (or DIR/OWNER+NAME) as a git directory
//   --force                      write pages that are already cached again
// Without a local git directory a file is downloaded from https://raw.githubusercontent.com/<repo>/<commit>/<path>.
// The record is a 0-based line of a JSON Lines file; the field's text is written exactly, as UTF-8.
// A source with `format: 'html'` (no record or field) is a saved HTML page, a test fixture of an HTML extractor: its
// text is made here as a crawl's plain-text export (a WET record) makes it, every visible text of the page kept, so
// that the furniture is still there: see htmlText below. The text depends only on the file and this function, so the
// labels' hashes hold for anyone who runs it.
// Exits 1 when a page could not be fetched or a label's hash does not match its line.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const pagesDir = path.join(repoRoot, 'test/cases/boilerplate/pages')
const cacheDir = process.env.ZHTIDY_PAGES_CACHE ?? path.join(repoRoot, '.cache/pages')

const usage = 'usage: node scripts/fetch-pages.mjs [--mirror DIR] [--git-dir OWNER/NAME=GITDIR]... [--split dev|eval|fresh|fresh2] [--force] [ID...]'
const gitDirs = new Map()
let mirror
let force = false
let split
const only = new Set()
const args = process.argv.slice(2)
for (let i = 0; i < args.length; i++) {
  const arg = args[i]
  if (arg === '--help' || arg === '-h') {
    console.log(usage)
    process.exit(0)
  } else if (arg === '--force') force = true
  else if (arg === '--split') {
    split = args[++i]
    if (!['dev', 'eval', 'fresh', 'fresh2'].includes(split)) fail(`--split takes dev, eval, fresh or fresh2, got ${split}\n${usage}`)
  }
  else if (arg === '--mirror' || arg === '--git-dir') {
    const value = args[++i]
    if (value === undefined) fail(`${arg} needs a value\n${usage}`)
    if (arg === '--mirror') mirror = value
    else {
      const eq = value.indexOf('=')
      if (eq < 1) fail(`--git-dir takes OWNER/NAME=GITDIR, got ${value}`)
      gitDirs.set(value.slice(0, eq), value.slice(eq + 1))
    }
  } else if (arg.startsWith('-')) fail(`unknown option ${arg}\n${usage}`)
  else only.add(arg)
}

function fail(message) {
  console.error(message)
  process.exit(2)
}

const lineHash = (line) => createHash('sha1').update(line, 'utf8').digest('hex').slice(0, 10)
const pageLines = (text) => text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line))

function gitDirFor(repo) {
  if (gitDirs.has(repo)) return gitDirs.get(repo)
  if (!mirror) return undefined
  const base = path.join(mirror, repo.replace('/', '+'))
  for (const dir of [path.join(base, 'repo'), base]) if (existsSync(path.join(dir, 'HEAD'))) return dir
  return undefined
}

// One read per (repo, commit, path), however many pages take records from it.
const files = new Map()
async function sourceFile({ repo, commit, path: file }) {
  const key = `${repo}@${commit}:${file}`
  if (!files.has(key)) files.set(key, readSource(repo, commit, file))
  return files.get(key)
}

const byteFiles = new Map()
async function sourceBytes({ repo, commit, path: file }) {
  const key = `${repo}@${commit}:${file}`
  if (!byteFiles.has(key)) byteFiles.set(key, readSourceBytes(repo, commit, file))
  return byteFiles.get(key)
}

async function readSource(repo, commit, file) {
  return (await readSourceBytes(repo, commit, file)).toString('utf8')
}

async function readSourceBytes(repo, commit, file) {
  const gitDir = gitDirFor(repo)
  if (gitDir) {
    return execFileSync('git', ['--git-dir', gitDir, 'show', `${commit}:${file}`], { maxBuffer: 1 << 30 })
  }
  const url = `https://raw.githubusercontent.com/${repo}/${commit}/${file.split('/').map(encodeURIComponent).join('/')}`
  let response
  try {
    response = await fetch(url)
  } catch (error) {
    throw new Error(`${url}: ${error.cause?.code ?? error.cause?.message ?? error.message} (no network? use --mirror or --git-dir)`)
  }
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
  const body = Buffer.from(await response.arrayBuffer())
  // A file kept in Git LFS is served as its pointer by raw.githubusercontent.com.
  if (body.subarray(0, 40).toString('latin1').startsWith('version https://git-lfs.github.com/spec/')) throw new Error(`${url} is a Git LFS pointer; use --git-dir`)
  return body
}

// The plain text of a saved HTML page, as a crawler's text export gives it: the title on the first line, then every
// text of the body, a block element (paragraph, list item, table cell, heading, division, line break, …) starting a new
// line; script, style, template and comment contents dropped; entities decoded; white space inside a line collapsed to
// one space and trimmed; empty lines dropped. The bytes are read as UTF-8 when they are valid UTF-8 (a saved page is often
// re-encoded without its declaration being changed), else by the charset the page declares.
const BLOCK = new Set(('address article aside blockquote br button caption center dd details dialog dir div dl dt fieldset figcaption figure footer ' +
  'form h1 h2 h3 h4 h5 h6 header hr iframe input label legend li main menu nav ol optgroup option p pre section select summary table tbody td textarea tfoot th thead title tr ul').split(' '))
const ENTITIES = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", copy: '©', reg: '®', trade: '™', middot: '·', raquo: '»',
  laquo: '«', hellip: '…', mdash: '—', ndash: '–', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', emsp: ' ', ensp: ' ', thinsp: ' ',
  yen: '¥', times: '×', bull: '•' }
function htmlText(bytes) {
  const head = bytes.subarray(0, 4096).toString('latin1')
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase() ?? 'utf-8'
  const charset = ['gb2312', 'gbk', 'gb18030', 'x-gbk'].includes(declared) ? 'gb18030' : declared
  let html
  try {
    html = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    html = new TextDecoder(charset).decode(bytes)
  }
  html = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<(script|style|template|noscript|svg)\b[\s\S]*?<\/\1\s*>/gi, '')
  const title = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(html)?.[1] ?? ''
  const bodyAt = html.search(/<body\b/i)
  const body = bodyAt >= 0 ? html.slice(bodyAt) : html.replace(/<head\b[\s\S]*?<\/head\s*>/i, '')
  const flat = (title + '\n' + body).replace(/<\/?([a-zA-Z][\w-]*)\b[^>]*>/g, (_, name) => (BLOCK.has(name.toLowerCase()) ? '\n' : ''))
  const decoded = flat.replace(/<[^>]*>/g, '').replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return ENTITIES[name.toLowerCase()] ?? whole
  })
  return decoded
    .split(/\r?\n|\r/)
    .map((line) => line.replace(/[\s\u00a0\u3000]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n')
}

function checkLabels(labels, text) {
  const problems = []
  const lines = pageLines(text)
  const byNumber = new Map(labels.lines.map((line) => [line.n, line]))
  lines.forEach((line, index) => {
    const label = byNumber.get(index + 1)
    if (line.trim() === '') return
    if (!label) problems.push(`line ${index + 1} has no label`)
    else if (label.hash !== lineHash(line)) problems.push(`line ${index + 1}: hash ${lineHash(line)}, label says ${label.hash}`)
  })
  for (const label of labels.lines) if (label.n > lines.length) problems.push(`label for line ${label.n}, page has ${lines.length}`)
  return problems
}

const pages = existsSync(pagesDir)
  ? readdirSync(pagesDir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => JSON.parse(readFileSync(path.join(pagesDir, name), 'utf8')))
  : []
mkdirSync(cacheDir, { recursive: true })

let written = 0
let cached = 0
let failed = 0
for (const page of pages) {
  if (!page.source || !('repo' in page.source)) continue
  if (only.size > 0 && !only.has(page.id)) continue
  if (split !== undefined && page.split !== split) continue
  const out = path.join(cacheDir, `${page.id}.txt`)
  try {
    if (existsSync(out) && !force) cached++
    else if (page.source.format === 'html') {
      writeFileSync(out, htmlText(await sourceBytes(page.source)), 'utf8')
      written++
    } else {
      const { record, field } = page.source
      const records = (await sourceFile(page.source)).split('\n')
      if (record < 0 || record >= records.length || records[record].trim() === '') throw new Error(`no record ${record}`)
      const value = JSON.parse(records[record])[field]
      if (typeof value !== 'string') throw new Error(`record ${record} has no text field ${field}`)
      writeFileSync(out, value, 'utf8')
      written++
    }
    const problems = checkLabels(page, readFileSync(out, 'utf8'))
    if (problems.length > 0) {
      failed++
      console.error(`${page.id}: ${problems.length} label(s) do not match ${out}:\n  ${problems.slice(0, 10).join('\n  ')}`)
    }
  } catch (error) {
    failed++
    console.error(`${page.id}: ${error.message}`)
  }
}
console.log(`${written} written, ${cached} already cached, ${failed} with problems (${cacheDir})`)
process.exit(failed > 0 ? 1 : 0)
