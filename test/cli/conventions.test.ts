// The conventions of the ecosystem (issue 14): unified-engine's reporter flags (--quiet, --silent, --frail),
// vfile-reporter output, GitHub workflow annotations and SARIF for code scanning, walk filters (--ext,
// .zhtidyignore, --gitignore), JSON Lines recognised by content, and a config search that stops at the repository
// root or the home directory. Each spawns the built command: what is under test is what a user types.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { configStopDir } from '../../src/cli/config.js'
import { looksLikeJsonLines } from '../../src/cli/run.js'

const root = path.resolve(__dirname, '../..')
const bin = path.join(root, 'dist/cli.js')

function zhtidy(args: string[], options: { input?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], { input: Buffer.from(options.input ?? '', 'utf8'), cwd: options.cwd ?? root, env: options.env ?? process.env, maxBuffer: 64 << 20 })
  return { status: result.status, stdout: result.stdout.toString('utf8'), stderr: result.stderr.toString('utf8') }
}

let tmp: string
beforeAll(() => {
  if (!existsSync(bin)) throw new Error('dist/cli.js is missing: run `npm run build` (npm test does it first)')
  tmp = mkdtempSync(path.join(os.tmpdir(), 'zhtidy-conv-'))
})

/** A change (glued pinyin, a comma) and a warning (a U+FFFD nothing explains) on one line. */
const DIRTY = '書(shū)記,會議\ufffd文字\n'

describe('reporters', () => {
  it('--report text is vfile-reporter output: the file, one line per message, one summary at the end', () => {
    const r = zhtidy(['--report', 'text'], { input: DIRTY })
    expect(r.status).toBe(0)
    const lines = r.stderr.trimEnd().split('\n')
    expect(lines[0]).toBe('<stdin>')
    expect(r.stderr).toMatch(/^1:2\s+info\s+Unexpected glued pinyin `\(shū\)`.*annotations\/glued-pinyin\s+zhtidy$/m)
    expect(r.stderr).toMatch(/^1:\d+\s+warning\s+.*encoding\/lost-bytes\s+zhtidy$/m)
    expect(lines.at(-1)).toMatch(/^\d+ messages \(⚠ 1 warning\)$/)
    expect(r.stderr.match(/messages/g)).toHaveLength(1)
  })

  it('-q shows only warnings and errors, --silent only errors', () => {
    const quiet = zhtidy(['--report', 'text', '-q'], { input: DIRTY })
    expect(quiet.stderr).toMatch(/warning .*encoding\/lost-bytes/)
    expect(quiet.stderr).not.toMatch(/\binfo\b/)
    expect(quiet.stderr.trimEnd().split('\n').at(-1)).toBe('1 message (⚠ 1 warning)')
    const silent = zhtidy(['--report', 'text', '--silent'], { input: DIRTY })
    expect(silent.stderr).toBe('')
    expect(silent.stdout).toContain('书记，会议')
  })

  it('--frail makes a warning exit 1, with --check or without; clean text still exits 0', () => {
    expect(zhtidy([], { input: DIRTY }).status).toBe(0)
    const frail = zhtidy(['--frail'], { input: DIRTY })
    expect(frail.status).toBe(1)
    expect(frail.stdout).toContain('书记，会议')
    expect(frail.stderr).toContain('zhtidy --frail: 1 of 1 documents have warnings')
    expect(zhtidy(['--frail', '--check', '--silent'], { input: '会议\ufffd文字\n' }).status).toBe(1)
    expect(zhtidy(['--frail', '--check'], { input: '书记，会议文字。\n' }).status).toBe(0)
  })

  it('--report github writes workflow commands, escaped, one per message', () => {
    const file = path.join(tmp, 'a,b.txt')
    writeFileSync(file, DIRTY)
    const r = zhtidy(['--report', 'github', '--check', file])
    expect(r.status).toBe(1)
    const commands = r.stderr.split('\n').filter((l) => l.startsWith('::'))
    expect(commands.length).toBeGreaterThanOrEqual(3)
    const escaped = file.replace(/,/g, '%2C').replace(/:/g, '%3A')
    expect(commands).toContain(`::notice file=${escaped},line=1,col=2,title=zhtidy annotations/glued-pinyin::Unexpected glued pinyin \`(shū)\` after \`書\`, expected nothing`)
    expect(commands.some((c) => c.startsWith(`::warning file=${escaped},line=1,`) && c.includes('title=zhtidy encoding/lost-bytes::'))).toBe(true)
  })

  it('--report github on JSON Lines points at the record line', () => {
    const r = zhtidy(['--jsonl', '--report', 'github'], { input: '{"text":"ok"}\n{"text":"書(shū)"}\n' })
    expect(r.stderr).toMatch(/^::notice file=<stdin>,line=2,title=zhtidy annotations\/glued-pinyin::/m)
  })

  it('--report sarif --report-file writes one SARIF 2.1.0 log with results, rules and fixes', () => {
    const file = path.join(tmp, 'sarif-in.txt')
    writeFileSync(file, DIRTY)
    const out = path.join(tmp, 'out.sarif')
    const r = zhtidy(['--report', 'sarif', '--report-file', out, file])
    expect(r.status).toBe(0)
    expect(r.stderr).toBe('')
    const log = JSON.parse(readFileSync(out, 'utf8'))
    expect(log.version).toBe('2.1.0')
    const run = log.runs[0]
    expect(run.tool.driver.name).toBe('zhtidy')
    const glued = run.results.find((x: { ruleId: string }) => x.ruleId === 'annotations/glued-pinyin')
    expect(glued.level).toBe('note')
    expect(glued.locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 2 })
    expect(glued.fixes[0].artifactChanges[0].replacements[0]).toEqual({
      deletedRegion: { startLine: 1, startColumn: 2, charLength: 5 },
      insertedContent: { text: '' },
    })
    expect(run.results.some((x: { level: string }) => x.level === 'warning')).toBe(true)
    const ids = run.tool.driver.rules.map((x: { id: string }) => x.id)
    for (const x of run.results) expect(ids).toContain(x.ruleId)
  })

  it('--report vfile-json writes one vfile-reporter-json object per document, as JSON Lines', () => {
    const r = zhtidy(['--jsonl', '--report', 'vfile-json'], { input: '{"text":"書(shū)"}\n{"text":"ok"}\n{"text":"會(huì)"}\n' })
    const files = r.stderr.trim().split('\n').map((l) => JSON.parse(l))
    expect(files.map((f: { path: string }) => f.path)).toEqual(['<stdin>:1', '<stdin>:3'])
    expect(files[0].messages.some((m: { ruleId: string }) => m.ruleId === 'annotations/glued-pinyin')).toBe(true)
  })

  it('an unknown report format and --report-file without --report are usage errors', () => {
    expect(zhtidy(['--report', 'xml'], { input: 'x' }).status).toBe(2)
    const r = zhtidy(['--report-file', path.join(tmp, 'r')], { input: 'x' })
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('--report-file needs --report')
  })
})

describe('walk filters', () => {
  function tree(): string {
    const dir = mkdtempSync(path.join(tmp, 'filter-'))
    mkdirSync(path.join(dir, 'drafts'))
    mkdirSync(path.join(dir, 'keep'))
    writeFileSync(path.join(dir, 'a.txt'), '書(shū)\n')
    writeFileSync(path.join(dir, 'b.md'), '書(shū)\n')
    writeFileSync(path.join(dir, 'c.jsonl'), '{"text":"書(shū)"}\n')
    writeFileSync(path.join(dir, 'drafts', 'd.txt'), '書(shū)\n')
    writeFileSync(path.join(dir, 'keep', 'e.txt'), '書(shū)\n')
    writeFileSync(path.join(dir, 'keep', 'skip-me.txt'), '書(shū)\n')
    return dir
  }
  const listed = (dir: string) =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
      .sort()

  it('--ext takes only the extensions listed in a walk; a file named on the command line is always taken', () => {
    const dir = tree()
    const out = path.join(tmp, 'ext-out')
    expect(zhtidy(['--ext', 'txt,.jsonl', '-o', out, dir]).status).toBe(0)
    expect(listed(out)).toEqual(['a.txt', 'c.jsonl', 'drafts/d.txt', 'keep/e.txt', 'keep/skip-me.txt'])
    expect(zhtidy(['--ext', 'txt', path.join(dir, 'b.md')]).stdout).toBe('书\n')
    expect(zhtidy(['--ext', 'a b', dir]).status).toBe(2)
  })

  it('.zhtidyignore files apply below their directory, in gitignore syntax; .gitignore only with --gitignore', () => {
    const dir = tree()
    writeFileSync(path.join(dir, '.zhtidyignore'), 'drafts/\n*.md\n')
    writeFileSync(path.join(dir, 'keep', '.zhtidyignore'), 'skip-*\n')
    writeFileSync(path.join(dir, '.gitignore'), 'c.jsonl\n')
    const out = path.join(tmp, 'ignore-out')
    expect(zhtidy(['-o', out, dir]).status).toBe(0)
    expect(listed(out)).toEqual(['a.txt', 'c.jsonl', 'keep/e.txt'])
    const out2 = path.join(tmp, 'gitignore-out')
    expect(zhtidy(['--gitignore', '-o', out2, dir]).status).toBe(0)
    expect(listed(out2)).toEqual(['a.txt', 'keep/e.txt'])
  })
})

describe('JSON Lines by content', () => {
  it('stdin whose lines are JSON objects is read as JSON Lines, with a warning; --no-jsonl reads it as text', () => {
    const long = '書(shū)記'.repeat(400)
    const input = `{"id":1,"text":"${long}"}\n{"id":2,"text":"會(huì)議"}\n`
    const r = zhtidy([], { input })
    expect(r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l).text)).toEqual(['书记'.repeat(400), '会议'])
    expect(r.stderr).toContain('<stdin>: read as JSON Lines')
    // As text, each line is a JSON object: its quotes are data the punctuation step keeps (a `"` around Chinese in
    // prose would become `“`), and no warning says JSON Lines.
    const asText = zhtidy(['--no-jsonl'], { input })
    expect(asText.stdout).toContain('{"id":1,"text":"书记')
    expect(asText.stderr).not.toContain('read as JSON Lines')
  })

  it('recognises JSON Lines only where every complete line in the head is a JSON object', () => {
    const bytes = (s: string) => Buffer.from(s, 'utf8')
    expect(looksLikeJsonLines(bytes('{"a":1}\n\n{"b":2}\n{"c":'))).toBe(true)
    expect(looksLikeJsonLines(bytes('{\n  "a": 1\n}\n'))).toBe(false)
    expect(looksLikeJsonLines(bytes('{"a":1}\n中文\n'))).toBe(false)
    expect(looksLikeJsonLines(bytes('[1,2]\n'))).toBe(false)
    expect(looksLikeJsonLines(bytes('{"a":1}'))).toBe(false)
    expect(looksLikeJsonLines(bytes('{不是 JSON}\n'))).toBe(false)
  })
})

describe('config search', () => {
  it('stops at the repository root, or the home directory, else searches the start directory only', () => {
    const base = mkdtempSync(path.join(tmp, 'stop-'))
    const repo = path.join(base, 'repo')
    mkdirSync(path.join(repo, '.git'), { recursive: true })
    mkdirSync(path.join(repo, 'a', 'b'), { recursive: true })
    expect(configStopDir(path.join(repo, 'a', 'b'), '/nonexistent-home')).toBe(repo)
    mkdirSync(path.join(base, 'home', 'x', 'y'), { recursive: true })
    expect(configStopDir(path.join(base, 'home', 'x', 'y'), path.join(base, 'home'))).toBe(path.join(base, 'home'))
    mkdirSync(path.join(base, 'loose', 'z'), { recursive: true })
    expect(configStopDir(path.join(base, 'loose', 'z'), '/nonexistent-home')).toBe(path.join(base, 'loose', 'z'))
  })

  it('a stray config above the start directory outside any repository and home is not applied; --verbose says so', () => {
    const base = mkdtempSync(path.join(tmp, 'stray-'))
    writeFileSync(path.join(base, '.zhtidyrc.json'), JSON.stringify({ script: 'zh-TW' }))
    const below = path.join(base, 'work')
    mkdirSync(below)
    const env = { ...process.env, HOME: '/nonexistent-home' }
    const r = zhtidy(['--verbose', '--only', 'script'], { input: '软件\n', cwd: below, env })
    expect(r.stdout).toBe('软件\n')
    expect(r.stderr).toContain(`config: none found (searched ${below} up to ${below})`)
    const here = zhtidy(['--verbose', '--only', 'script'], { input: '软件\n', cwd: base, env })
    expect(here.stdout).toBe('軟體\n')
    expect(here.stderr).toContain(`config: ${path.join(base, '.zhtidyrc.json')}`)
    expect(here.stderr).toContain('<stdin>: read as plain text')
  })
})

describe('--encoding', () => {
  it('reads the input in the encoding given instead of the detected one, small files and large ones', () => {
    const file = path.join(tmp, 'big5-small.txt')
    const bytes = iconvEncode('繁體中文字，測試。\n', 'big5')
    writeFileSync(file, bytes)
    expect(zhtidy(['--only', 'unicode', file]).stdout).toBe('繁體中文字，測試。\n')
    const forced = zhtidy(['-e', 'windows-1252', '--only', 'unicode', '--report', 'json', file])
    expect(forced.stdout).toBe((require('iconv-lite') as typeof import('iconv-lite')).decode(bytes, 'windows-1252').normalize('NFC'))
    expect(JSON.parse(forced.stderr.trim()).encoding).toBe('windows-1252')
    const big = path.join(tmp, 'big5-large.txt')
    writeFileSync(big, iconvEncode('中文，繁體。\n'.repeat(200_000), 'big5'))
    const r = zhtidy(['--encoding', 'big5', '--script', 'zh-Hant', big])
    expect(r.status).toBe(0)
    expect(r.stdout).toBe('中文，繁體。\n'.repeat(200_000))
  })

  it('an unknown encoding is a usage error naming it', () => {
    const r = zhtidy(['-e', 'klingon'], { input: 'x' })
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('--encoding: unknown encoding "klingon"')
  })
})

function iconvEncode(text: string, encoding: string): Buffer {
  return (require('iconv-lite') as typeof import('iconv-lite')).encode(text, encoding)
}

describe('--on-error for text inputs as for records', () => {
  // The first bytes of a real PNG file (its signature and IHDR chunk header) and a line of the seed 000.
  const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61', 'hex')
  const TEXT = '市委書(shū)記,主持會議\n'
  let dir: string
  beforeAll(() => {
    dir = path.join(tmp, 'on-error')
    mkdirSync(path.join(dir, 'tree'), { recursive: true })
    writeFileSync(path.join(dir, 'logo.png'), PNG)
    writeFileSync(path.join(dir, 'a.txt'), TEXT)
    writeFileSync(path.join(dir, 'tree', 'logo.png'), PNG)
    writeFileSync(path.join(dir, 'tree', 'a.txt'), TEXT)
  })

  it('fail (the default): a file named on the command line that is not text stops the run, exit 2, naming it', () => {
    const r = zhtidy(['logo.png', 'a.txt'], { cwd: dir })
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('logo.png: PNG image, not text')
    const stdin = zhtidy([], { cwd: dir, input: PNG.toString('latin1').replace(/[^\0-\x7f]/g, '\0') })
    expect(stdin.status).toBe(2)
    expect(stdin.stderr).toContain('<stdin>:')
  })

  it('skip leaves it out with a warning and a count; keep passes its bytes through, to stdout and to -o', () => {
    const skip = zhtidy(['--on-error', 'skip', 'logo.png', 'a.txt'], { cwd: dir })
    expect(skip.status).toBe(0)
    expect(skip.stdout).toBe('市委书记，主持会议\n')
    expect(skip.stderr).toContain('zhtidy: skipped 1 input (--on-error skip)')
    const keep = spawnSync(process.execPath, [bin, '--on-error', 'keep', 'logo.png', 'a.txt'], { cwd: dir })
    expect(keep.status).toBe(0)
    expect(Buffer.compare(keep.stdout, Buffer.concat([PNG, Buffer.from('市委书记，主持会议\n')]))).toBe(0)
    const out = path.join(dir, 'out')
    expect(zhtidy(['--on-error', 'keep', '-o', out, 'logo.png', 'a.txt'], { cwd: dir }).status).toBe(0)
    expect(Buffer.compare(readFileSync(path.join(out, 'logo.png')), PNG)).toBe(0)
    expect(readFileSync(path.join(out, 'a.txt'), 'utf8')).toBe('市委书记，主持会议\n')
  })

  it('a walk always leaves non-text files out, whatever --on-error says', () => {
    for (const mode of ['fail', 'keep']) {
      const out = path.join(dir, `walk-${mode}`)
      const r = zhtidy(['--on-error', mode, '-o', out, 'tree'], { cwd: dir })
      expect(r.status).toBe(0)
      expect(r.stderr).toContain('logo.png: skipped: PNG image, not text')
      expect(readdirSync(out)).toEqual(['a.txt'])
    }
  })

  it.skipIf(process.getuid?.() === 0)('an unreadable file: fail exits 2, skip leaves it out and goes on', () => {
    const locked = path.join(dir, 'locked.txt')
    writeFileSync(locked, TEXT, { mode: 0o000 })
    expect(zhtidy(['locked.txt', 'a.txt'], { cwd: dir }).status).toBe(2)
    const r = zhtidy(['--on-error', 'skip', 'locked.txt', 'a.txt'], { cwd: dir })
    expect(r.status).toBe(0)
    expect(r.stderr).toMatch(/locked\.txt: cannot read \(permission denied\); skipped/)
    expect(r.stdout).toBe('市委书记，主持会议\n')
  })
})
