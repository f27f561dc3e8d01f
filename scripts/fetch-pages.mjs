#!/usr/bin/env node
// Fills the local page cache (.cache/pages/<id>.txt, or $ZHTIDY_PAGES_CACHE) with the text of every labelled
// boilerplate page whose source is a record of a public data set in a GitHub repository
// (test/cases/boilerplate/pages/<id>.json, `source: { repo, path, commit, record, field }`). The page text is not
// in this repository; its labels are, each with a hash of its line, and this script checks every hash after writing.
//
// Usage: node scripts/fetch-pages.mjs [--mirror DIR] [--git-dir OWNER/NAME=GITDIR]... [--split dev|eval|fresh] [--force] [ID...]
//   --git-dir OWNER/NAME=GITDIR  read OWNER/NAME's files from a local git directory (git show COMMIT:PATH)
//   --split NAME                 only the pages of one split (a fresh batch is fetched and measured on its own)
//   --mirror DIR                 look for OWNER/NAME in DIR/OWNER+NAME/repo (or DIR/OWNER+NAME) as a git directory
//   --force                      write pages that are already cached again
// Without a local git directory a file is downloaded from https://raw.githubusercontent.com/<repo>/<commit>/<path>.
// The record is a 0-based line of a JSON Lines file; the field's text is written exactly, as UTF-8.
// Exits 1 when a page could not be fetched or a label's hash does not match its line.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const pagesDir = path.join(repoRoot, 'test/cases/boilerplate/pages')
const cacheDir = process.env.ZHTIDY_PAGES_CACHE ?? path.join(repoRoot, '.cache/pages')

const usage = 'usage: node scripts/fetch-pages.mjs [--mirror DIR] [--git-dir OWNER/NAME=GITDIR]... [--split dev|eval|fresh] [--force] [ID...]'
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
    if (!['dev', 'eval', 'fresh'].includes(split)) fail(`--split takes dev, eval or fresh, got ${split}\n${usage}`)
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

async function readSource(repo, commit, file) {
  const gitDir = gitDirFor(repo)
  if (gitDir) {
    return execFileSync('git', ['--git-dir', gitDir, 'show', `${commit}:${file}`], { maxBuffer: 1 << 30 }).toString('utf8')
  }
  const url = `https://raw.githubusercontent.com/${repo}/${commit}/${file.split('/').map(encodeURIComponent).join('/')}`
  let response
  try {
    response = await fetch(url)
  } catch (error) {
    throw new Error(`${url}: ${error.cause?.code ?? error.cause?.message ?? error.message} (no network? use --mirror or --git-dir)`)
  }
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
  const body = await response.text()
  // A file kept in Git LFS is served as its pointer by raw.githubusercontent.com.
  if (body.startsWith('version https://git-lfs.github.com/spec/')) throw new Error(`${url} is a Git LFS pointer; use --git-dir`)
  return body
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
    else {
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
