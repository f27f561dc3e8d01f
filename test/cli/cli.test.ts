import { spawnSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import iconv from 'iconv-lite'
import { beforeAll, describe, expect, it } from 'vitest'

const root = path.resolve(__dirname, '../..')
const bin = path.join(root, 'dist/cli.js')
const seed = path.join(root, 'corpus-samples/000-taiyuan-covid-meeting-pinyin-slips.txt')

function zhtidy(args: string[], options: { input?: string | Buffer; cwd?: string } = {}) {
  const input = typeof options.input === 'string' ? Buffer.from(options.input, 'utf8') : (options.input ?? Buffer.alloc(0))
  const result = spawnSync(process.execPath, [bin, ...args], { input, cwd: options.cwd ?? root })
  return { status: result.status, stdout: result.stdout.toString('utf8'), stderr: result.stderr.toString('utf8'), raw: result.stdout }
}

let tmp: string
beforeAll(() => {
  if (!existsSync(bin)) throw new Error('dist/cli.js is missing: run `npm run build` (npm test does it first)')
  tmp = mkdtempSync(path.join(os.tmpdir(), 'zhtidy-cli-'))
})

describe('input and output', () => {
  it('cleans one file to stdout', () => {
    const r = zhtidy([seed])
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('市委书记韦韬主持召开')
    expect(r.stdout).not.toMatch(/\(shū\)/)
  })

  it('reads stdin when there is no path, or the path is -', () => {
    for (const args of [[], ['-']]) {
      const r = zhtidy(args, { input: '市委書(shū)記\n' })
      expect(r.status).toBe(0)
      expect(r.stdout).toBe('市委书记\n')
    }
  })

  it('decodes a GBK file and writes UTF-8', () => {
    const file = path.join(tmp, 'gbk.txt')
    writeFileSync(file, iconv.encode('这是一段用国标码保存的中文文本，用来检查解码。\n', 'gbk'))
    const r = zhtidy([file])
    expect(r.stdout).toBe('这是一段用国标码保存的中文文本，用来检查解码。\n')
  })

  it('-o mirrors a directory tree, recursively', () => {
    const tree = path.join(tmp, 'tree')
    mkdirSync(path.join(tree, 'sub/deeper'), { recursive: true })
    writeFileSync(path.join(tree, 'a.txt'), '書(shū)記\n')
    writeFileSync(path.join(tree, 'sub/deeper/b.txt'), '會(huì)議\n')
    const out = path.join(tmp, 'out')
    const r = zhtidy(['-o', out, tree])
    expect(r.status).toBe(0)
    expect(readFileSync(path.join(out, 'a.txt'), 'utf8')).toBe('书记\n')
    expect(readFileSync(path.join(out, 'sub/deeper/b.txt'), 'utf8')).toBe('会议\n')
  })

  it('-o refuses a directory inside its own input tree', () => {
    const tree = path.join(tmp, 'self')
    mkdirSync(tree, { recursive: true })
    writeFileSync(path.join(tree, 'a.txt'), 'x\n')
    const r = zhtidy(['-o', path.join(tree, 'out'), tree])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('inside the input')
  })

  it('-i rewrites the file through a temporary file and leaves nothing behind', () => {
    const dir = path.join(tmp, 'inplace')
    mkdirSync(dir, { recursive: true })
    const file = path.join(dir, 'page.txt')
    writeFileSync(file, '市委書(shū)記,主持\n')
    const r = zhtidy(['-i', file])
    expect(r.status).toBe(0)
    expect(r.stdout).toBe('')
    expect(readFileSync(file, 'utf8')).toBe('市委书记，主持\n')
    expect(readdirSync(dir)).toEqual(['page.txt'])
  })

  it('a missing input exits 2 naming the file', () => {
    const r = zhtidy([path.join(tmp, 'does-not-exist.txt')])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('does-not-exist.txt')
  })
})

describe('JSON Lines', () => {
  const records = ['{"id":1,"text":"市委書(shū)記","meta":{"n":12345678901234567890}}', '{"id":2,"text":"clean text","x":[1,2]}', '{"text":"一(yī)","id":3}']

  it('cleans the field, keeps every record, every other byte and the order', () => {
    const r = zhtidy(['--jsonl'], { input: records.join('\n') + '\n' })
    expect(r.status).toBe(0)
    const lines = r.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toBe('{"id":1,"text":"市委书记","meta":{"n":12345678901234567890}}')
    expect(lines[1]).toBe(records[1])
    expect(JSON.parse(lines[2]!).id).toBe(3)
  })

  it('--field names the field to clean', () => {
    const r = zhtidy(['--jsonl', '--field', 'body'], { input: '{"body":"書(shū)記","text":"書(shū)記"}\n' })
    expect(r.stdout).toBe('{"body":"书记","text":"書(shū)記"}\n')
  })

  it('a bad record exits 2 naming the file and the line, and -o gets no partial file', () => {
    const file = path.join(tmp, 'bad.jsonl')
    writeFileSync(file, '{"text":"ok"}\nnot json\n{"text":"after"}\n')
    const out = path.join(tmp, 'bad-out')
    // A trailing slash makes -o a directory for one input (without it, -o names the output file).
    const r = zhtidy(['--jsonl', '-o', out + path.sep, file])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain(`${file}:2`)
    expect(existsSync(path.join(out, 'bad.jsonl'))).toBe(false)
    expect(readdirSync(out)).toEqual([])
  })

  it('names the problem: missing field, field not a string', () => {
    expect(zhtidy(['--jsonl'], { input: '{"id":1}\n' }).stderr).toContain('<stdin>:1: no field "text"')
    expect(zhtidy(['--jsonl'], { input: '{"text":"a"}\n{"text":5}\n' }).stderr).toContain('<stdin>:2: field "text" is not a string')
  })

  it('--on-error keep passes bad lines through (records out = records in); skip drops and counts them', () => {
    const input = '{"text":"書(shū)"}\nnot json\n{"id":1}\n'
    const kept = zhtidy(['--jsonl', '--on-error', 'keep'], { input })
    expect(kept.status).toBe(0)
    expect(kept.stdout).toBe('{"text":"书"}\nnot json\n{"id":1}\n')
    const skipped = zhtidy(['--jsonl', '--on-error', 'skip'], { input })
    expect(skipped.stdout).toBe('{"text":"书"}\n')
    expect(skipped.stderr).toContain('skipped 2 bad records')
  })
})

describe('steps and script', () => {
  it('--only and --skip choose steps; an unknown step exits 2', () => {
    expect(zhtidy(['--only', 'annotations'], { input: '書(shū)記,主持' }).stdout).toBe('書記,主持')
    expect(zhtidy(['--skip', 'script,punctuation'], { input: '書(shū)記,主持' }).stdout).toBe('書記,主持')
    const bad = zhtidy(['--only', 'nosuchstep'], { input: 'x' })
    expect(bad.status).toBe(2)
    expect(bad.stderr).toContain('nosuchstep')
  })

  it('--boilerplate mark keeps boilerplate lines and reports them; an unknown mode exits 2', () => {
    const page = '会议以视频方式召开，各县区设分会场。\n版权声明：本站所有作品，转载请注明出处。\n'
    expect(zhtidy(['--only', 'boilerplate'], { input: page }).stdout).toBe('会议以视频方式召开，各县区设分会场。\n')
    const marked = zhtidy(['--only', 'boilerplate', '--boilerplate', 'mark', '--report', 'json'], { input: page })
    expect(marked.status).toBe(0)
    expect(marked.stdout).toBe(page)
    expect(marked.stderr).toContain('boilerplate/disclaimer')
    expect(zhtidy(['--boilerplate', 'hide'], { input: 'x' }).status).toBe(2)
  })

  it('--script chooses the target; an unknown script exits 2', () => {
    expect(zhtidy(['--only', 'script', '--script', 'zh-TW'], { input: '软件\n' }).stdout).toBe('軟體\n')
    expect(zhtidy(['--only', 'script', '--script', 'zh-Hant'], { input: '书记\n' }).stdout).toBe('書記\n')
    expect(zhtidy(['--script', 'klingon'], { input: 'x' }).status).toBe(2)
  })

  it('an unknown option exits 2', () => {
    expect(zhtidy(['--nonsense-option', 'x']).status).toBe(2)
  })
})

describe('--check and --report', () => {
  it('--check exits 1 on dirty input, lists it and writes nothing', () => {
    const r = zhtidy(['--check', seed])
    expect(r.status).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('000-taiyuan-covid-meeting-pinyin-slips.txt: would change')
    expect(r.stderr).toContain('annotations/glued-pinyin')
  })

  it('--check exits 0 on clean input', () => {
    const file = path.join(tmp, 'clean.txt')
    writeFileSync(file, '这是一段干净的中文。\n')
    const r = zhtidy(['--check', file])
    expect(r.status).toBe(0)
    expect(r.stderr).toContain('0 of 1 documents would change')
  })

  it('--report json writes one object per document on stderr, with every message', () => {
    const r = zhtidy(['--report', 'json', seed])
    const reports = r.stderr.trim().split('\n').map((line) => JSON.parse(line))
    expect(reports).toHaveLength(1)
    expect(reports[0].path).toBe(seed)
    expect(reports[0].messages.length).toBeGreaterThan(100)
    for (const m of reports[0].messages) {
      expect(m.ruleId).toBeTruthy()
      expect(m).toHaveProperty('actual')
      expect(m).toHaveProperty('expected')
      expect(m.line).toBeGreaterThan(0)
    }
  })

  it('--report json gives one object per JSON Lines record, with its line', () => {
    const r = zhtidy(['--jsonl', '--report', 'json'], { input: '{"text":"書(shū)"}\n{"text":"ok"}\n' })
    const reports = r.stderr.trim().split('\n').map((line) => JSON.parse(line))
    expect(reports.map((x) => [x.record, x.changed])).toEqual([
      [1, true],
      [2, false],
    ])
  })

  it('--report text lists place, severity, reason and rule id', () => {
    const r = zhtidy(['--report', 'text'], { input: '書(shū)記\n' })
    expect(r.stderr).toMatch(/1:2\s+info\s+Unexpected .*\(shū\).*annotations\/glued-pinyin/)
  })
})

describe('detect', () => {
  it('prints one JSON line per input with encoding, confidence and script', () => {
    const gbk = path.join(tmp, 'detect-gbk.txt')
    writeFileSync(gbk, iconv.encode('这是一段用国标码保存的中文文本，用来检查编码检测。', 'gbk'))
    const r = zhtidy(['detect', seed, gbk])
    const lines = r.stdout.trim().split('\n').map((line) => JSON.parse(line))
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatchObject({ path: seed, encoding: 'utf-8' })
    expect(lines[0].script.label).not.toBe('none')
    expect(lines[1].encoding).toMatch(/^(gbk|gb18030|gb2312)$/)
    expect(lines[1].script.label).toBe('zh-Hans')
    expect(lines[0].mojibake).toEqual({})
  })

  it('counts the mojibake in a file and reports the script of the repaired text', () => {
    const sample = path.join(root, 'corpus-samples/006-own-mojibake-lines.txt')
    const [line] = zhtidy(['detect', sample]).stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(line.mojibake).toEqual({ 'encoding/utf8-as-gbk': 3, 'encoding/gbk-as-latin': 1, 'encoding/utf8-as-latin': 1 })
    expect(line.script.label).toBe('zh-Hans')
  })

  it('explains its choice: the basis, every candidate with its score, and where each ruled-out one failed (--text too)', () => {
    const gbk = path.join(tmp, 'detect-title.txt')
    // A GBK title of four hanzi and ASCII: 0xB2 (the lead of 操) is the first byte UTF-8 cannot take.
    writeFileSync(gbk, iconv.encode('ls 操作系统', 'gbk'))
    const [line] = zhtidy(['detect', gbk]).stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(line).toMatchObject({ encoding: 'gb18030', basis: 'most plausible reading' })
    expect(line.candidates[0].encoding).toBe('gb18030')
    expect(line.candidates.find((c: { encoding: string }) => c.encoding === 'utf-8')).toMatchObject({ ruledOutAt: 3 })
    const text = zhtidy(['detect', '--text', gbk]).stdout
    expect(text).toMatch(/^.*detect-title\.txt: gb18030 \(confidence [\d.]+; most plausible reading\), script zh-Hans\n/)
    expect(text).toMatch(/\n  gb18030: score [\d.]+ \(chosen\)\n/)
    expect(text).toMatch(/\n  utf-8: ruled out at byte 3, score -?[\d.]+\n/)
  })
})

describe('config files', () => {
  it('.zhtidyrc.json sets defaults, and the command line overrides them', () => {
    const dir = path.join(tmp, 'config')
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, '.zhtidyrc.json'), JSON.stringify({ script: 'zh-TW', only: ['script'] }))
    expect(zhtidy([], { input: '软件\n', cwd: dir }).stdout).toBe('軟體\n')
    expect(zhtidy(['--script', 'zh-Hans'], { input: '軟體\n', cwd: dir }).stdout).toBe('软体\n')
  })

  it('a zhtidy key in package.json works too', () => {
    const dir = path.join(tmp, 'pkg')
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'x', zhtidy: { only: ['annotations'] } }))
    expect(zhtidy([], { input: '書(shū)記,', cwd: dir }).stdout).toBe('書記,')
  })

  it('a bad config is an error naming the file and the key', () => {
    const dir = path.join(tmp, 'badconfig')
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, '.zhtidyrc.json'), JSON.stringify({ scirpt: 'zh-TW' }))
    const r = zhtidy([], { input: 'x', cwd: dir })
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/\.zhtidyrc\.json.*scirpt/)
  })
})

describe('the package', () => {
  it('can be required from CommonJS', () => {
    const require = createRequire(import.meta.url)
    const cjs = require(path.join(root, 'dist/index.cjs')) as typeof import('../../src/index.js')
    expect(cjs.tidy('書(shū)記').text).toBe('书记')
  })

  it('prints its version', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }
    expect(zhtidy(['--version']).stdout.trim()).toBe(pkg.version)
  })
})

describe('outputs never lose or overwrite data', () => {
  const dirty = '中文,測試\n'
  const make = (name: string, text = dirty) => {
    const dir = mkdtempSync(path.join(tmp, `${name}-`))
    const file = path.join(dir, 'a.txt')
    writeFileSync(file, text)
    return { dir, file }
  }

  it('-o names a file when there is one input, as ftfy and opencc take it; with a trailing slash, a directory', () => {
    const { dir, file } = make('o-file')
    const out = path.join(dir, 'clean.txt')
    expect(zhtidy(['-o', out, file]).status).toBe(0)
    expect(readFileSync(out, 'utf8')).toBe('中文，测试\n')
    expect(zhtidy(['-o', path.join(dir, 'sub') + path.sep, file]).status).toBe(0)
    expect(readFileSync(path.join(dir, 'sub', 'a.txt'), 'utf8')).toBe('中文，测试\n')
    // stdin with -o goes to the file too.
    expect(zhtidy(['-o', path.join(dir, 'stdin.txt')], { input: dirty }).status).toBe(0)
    expect(readFileSync(path.join(dir, 'stdin.txt'), 'utf8')).toBe('中文，测试\n')
  })

  it('-o that resolves to an input is refused before anything is written: -o DIR DIR/a.txt, and -o . from inside', () => {
    const { dir, file } = make('o-input')
    for (const [args, cwd] of [
      [['-o', dir, file], root],
      [['-o', '.', 'a.txt'], dir],
    ] as const) {
      const r = zhtidy([...args], { cwd })
      expect(r.status).toBe(2)
      expect(r.stderr).toMatch(/would be written over the input/)
      expect(readFileSync(file, 'utf8')).toBe(dirty)
    }
  })

  it('two inputs that map to one output are refused, naming both', () => {
    const one = make('clash-1')
    const two = make('clash-2')
    const out = path.join(tmp, 'clash-out')
    const r = zhtidy(['-o', out, one.file, two.file])
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/would both be written to/)
    expect(existsSync(out)).toBe(false)
  })

  it('-i keeps the mode bits (umask and setgid included) and the owner of the file it rewrites', () => {
    const { file } = make('keep-mode')
    const asRoot = process.getuid?.() === 0
    if (asRoot) chownSync(file, 65534, 65534)
    chmodSync(file, 0o2666)
    expect(zhtidy(['-i', file]).status).toBe(0)
    expect(readFileSync(file, 'utf8')).toBe('中文，测试\n')
    const info = statSync(file)
    expect(info.mode & 0o7777).toBe(0o2666)
    if (asRoot) expect([info.uid, info.gid]).toEqual([65534, 65534])
    expect(readdirSync(path.dirname(file))).toEqual(['a.txt'])
  })

  it('a config value of the wrong type is refused, not coerced ({"jsonl": "no"})', () => {
    const { dir } = make('config')
    writeFileSync(path.join(dir, '.zhtidyrc.json'), '{"jsonl": "no"}')
    const r = zhtidy(['a.txt'], { cwd: dir })
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/`jsonl` must be true or false, got "no"/)
  })
})

describe('interrupts', () => {
  /** A big input (12 MB of the seed page: still running when a signal comes), in a fresh directory. */
  function bigInput(prefix: string): { dir: string; input: string } {
    const dir = mkdtempSync(path.join(tmp, prefix))
    const input = path.join(dir, 'big.txt')
    const page = readFileSync(seed, 'utf8')
    writeFileSync(input, page.repeat(Math.ceil(12e6 / Buffer.byteLength(page))))
    return { dir, input }
  }

  /** Starts `zhtidy -o out/big.txt input` and resolves once its temporary output exists. */
  async function startWriting(input: string, out: string) {
    const { spawn } = await import('node:child_process')
    const child = spawn(process.execPath, [bin, '--quiet', '--jobs', '1', '-o', path.join(out, 'big.txt'), input], { stdio: 'ignore' })
    const exited = new Promise<{ status: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (status, signal) => resolve({ status, signal })))
    for (let waited = 0; readdirSync(out).length === 0 && waited < 30_000; waited += 50) await new Promise((r) => setTimeout(r, 50))
    return { child, exited }
  }

  it('SIGINT and SIGTERM during -o remove the temporary file, leave the input whole and end by the signal', async () => {
    const { dir, input } = bigInput('signal-')
    const before = statSync(input).size
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      const out = path.join(dir, `out-${signal}`)
      mkdirSync(out)
      const { child, exited: ended } = await startWriting(input, out)
      const exited = ended.then(({ status, signal: sig }) => status ?? (sig === signal ? code : null))
      expect(readdirSync(out)[0]).toMatch(/^\.big\.txt\.zhtidy-.*\.tmp$/)
      child.kill(signal)
      expect(await exited).toBe(code)
      expect(readdirSync(out)).toEqual([])
      expect(statSync(input).size).toBe(before)
    }
  }, 90_000)

  it('kill -9 leaves the input whole and a temporary file, which the next run into that directory removes', async () => {
    const { dir, input } = bigInput('kill9-')
    const before = readFileSync(input)
    const out = path.join(dir, 'out')
    mkdirSync(out)
    const { child, exited } = await startWriting(input, out)
    child.kill('SIGKILL')
    await exited
    const [left] = readdirSync(out)
    expect(left).toMatch(new RegExp(`^\\.big\\.txt\\.zhtidy-.+-${child.pid}-[0-9a-f]{12}\\.tmp$`))
    expect(readFileSync(input).equals(before)).toBe(true)
    // A temporary file of a live process (this one) is never taken for a stale one.
    const live = left!.replace(`-${child.pid}-`, `-${process.pid}-`)
    writeFileSync(path.join(out, live), 'partial')
    writeFileSync(path.join(dir, 'small.txt'), '書(shū)記\n')
    const r = zhtidy(['-o', path.join(out, 'small.txt'), path.join(dir, 'small.txt')])
    expect(r.status).toBe(0)
    expect(r.stderr).toContain(`${path.join(out, left!)}: removed a temporary file left by an interrupted run (process ${child.pid})`)
    expect(readdirSync(out).sort()).toEqual([live, 'small.txt'].sort())
  }, 90_000)
})

describe('-i and symbolic links', () => {
  it('writes through a link to its target (the link stays a link), or refuses it with --symlinks refuse', () => {
    const dir = mkdtempSync(path.join(tmp, 'links-'))
    writeFileSync(path.join(dir, 'real.txt'), '書(shū)記\n')
    symlinkSync('real.txt', path.join(dir, 'link.txt'))
    const refused = zhtidy(['-i', '--symlinks', 'refuse', path.join(dir, 'link.txt')])
    expect(refused.status).toBe(2)
    expect(refused.stderr).toContain('is a symbolic link (--symlinks refuse)')
    expect(readFileSync(path.join(dir, 'real.txt'), 'utf8')).toBe('書(shū)記\n')
    const r = zhtidy(['-i', path.join(dir, 'link.txt')])
    expect(r.status).toBe(0)
    expect(lstatSync(path.join(dir, 'link.txt')).isSymbolicLink()).toBe(true)
    expect(readFileSync(path.join(dir, 'real.txt'), 'utf8')).toBe('书记\n')
  })

  it('refuses one file given twice, through a link or not, before writing anything', () => {
    const dir = mkdtempSync(path.join(tmp, 'links2-'))
    writeFileSync(path.join(dir, 'real.txt'), '書(shū)記\n')
    symlinkSync('real.txt', path.join(dir, 'link.txt'))
    const r = zhtidy(['-i', path.join(dir, 'real.txt'), path.join(dir, 'link.txt')])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('are the same file')
    expect(readFileSync(path.join(dir, 'real.txt'), 'utf8')).toBe('書(shū)記\n')
  })
})

describe('walking a directory', () => {
  it('skips a FIFO with a warning naming it (and never blocks on it), follows no link, cleans the regular files', () => {
    const dir = mkdtempSync(path.join(tmp, 'walk-'))
    mkdirSync(path.join(dir, 'sub'))
    writeFileSync(path.join(dir, 'a.txt'), '中文,測試\n')
    writeFileSync(path.join(dir, 'sub', 'b.txt'), '測試\n')
    const fifo = spawnSync('mkfifo', [path.join(dir, 'pipe')])
    symlinkSync('a.txt', path.join(dir, 'link.txt'))
    const out = path.join(tmp, 'walk-out')
    const r = zhtidy(['-o', out, dir])
    expect(r.status).toBe(0)
    expect(readdirSync(out).sort()).toEqual(['a.txt', 'sub'])
    expect(readFileSync(path.join(out, 'sub', 'b.txt'), 'utf8')).toBe('测试\n')
    if (fifo.status === 0) expect(r.stderr).toContain(`${path.join(dir, 'pipe')}: a FIFO, not a regular file; skipped`)
  })

  it.skipIf(process.getuid?.() === 0)('reports a directory it cannot read instead of skipping it silently', () => {
    const dir = mkdtempSync(path.join(tmp, 'walk-locked-'))
    mkdirSync(path.join(dir, 'locked'))
    writeFileSync(path.join(dir, 'a.txt'), '中文\n')
    chmodSync(path.join(dir, 'locked'), 0)
    const r = zhtidy([dir])
    chmodSync(path.join(dir, 'locked'), 0o755)
    expect(r.stderr).toMatch(/locked: cannot read this directory \(permission denied\)/)
  })
})

describe('file names that are not UTF-8', () => {
  it('a GBK-named file is read from a walk and from the command line, and written under its own bytes', () => {
    const dir = mkdtempSync(path.join(tmp, 'gbk-names-'))
    mkdirSync(path.join(dir, 'in'))
    const gbkName = iconv.encode('中文名.txt', 'gbk')
    writeFileSync(Buffer.concat([Buffer.from(path.join(dir, 'in') + '/'), gbkName]), '書(shū)記\n')
    writeFileSync(Buffer.concat([Buffer.from(dir + '/top-'), iconv.encode('文件.txt', 'gbk')]), '會(huì)議\n')
    const out = path.join(dir, 'out')
    const walked = zhtidy(['--report', 'json', '-o', out, path.join(dir, 'in')])
    expect(walked.status).toBe(0)
    const written = readdirSync(out, { encoding: 'buffer' })
    expect(written).toHaveLength(1)
    expect(written[0]!.equals(gbkName)).toBe(true)
    expect(readFileSync(Buffer.concat([Buffer.from(out + '/'), gbkName]), 'utf8')).toBe('书记\n')
    // Shown with the bytes that are not UTF-8 escaped.
    expect(JSON.parse(walked.stderr.trim()).path).toBe(path.join(dir, 'in', '\\xd6\\xd0\\xce\\xc4\\xc3\\xfb.txt'))
    // From the command line: the shell passes the bytes, which Node's argv cannot hold.
    const viaShell = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" -i top-*.txt && cat top-*.txt`], { cwd: dir })
    expect(viaShell.stderr.toString()).toBe('')
    expect(viaShell.stdout.toString()).toBe('会议\n')
  })
})

describe('stdin has one name', () => {
  it('detect and the change report both call it <stdin>', () => {
    const detected = JSON.parse(zhtidy(['detect'], { input: '中文\n' }).stdout.trim())
    expect(detected.path).toBe('<stdin>')
    const report = JSON.parse(zhtidy(['--report', 'json'], { input: '中文,測試\n' }).stderr.trim().split('\n')[0]!)
    expect(report.path).toBe('<stdin>')
  })
})

describe('I/O errors are the environment, not bugs', () => {
  it('an output directory that cannot be made exits 2 with a message naming it, not 3 with a stack trace', () => {
    const dir = mkdtempSync(path.join(tmp, 'io-'))
    writeFileSync(path.join(dir, 'afile'), 'x')
    writeFileSync(path.join(dir, 'a.txt'), '中文,測試\n')
    const r = zhtidy(['-o', path.join(dir, 'afile', 'sub') + path.sep, path.join(dir, 'a.txt')])
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/afile\/sub: cannot (stat|mkdir) \(a path component is not a directory\)/)
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /)
    if (existsSync('/proc/self')) {
      // Node's recursive mkdir used to retry here forever.
      const proc = zhtidy(['-o', '/proc/zhtidy-test/', path.join(dir, 'a.txt')])
      expect(proc.status).toBe(2)
      expect(proc.stderr).toMatch(/\/proc\/zhtidy-test: cannot mkdir/)
    }
  })
})
