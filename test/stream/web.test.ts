// createTidyStream (a web TransformStream) and createTidyTransform (its Node adapter): the command line's streaming
// as an API. Inputs are the seed pages in corpus-samples/ (real scraped text) and records built from their lines.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import v8 from 'node:v8'
import vm from 'node:vm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createTidyStream, tidy, type DocumentReport, type TidyStreamOptions } from '../../src/index.js'
import { createTidyTransform } from '../../src/node.js'
import { readText } from '../helpers/streams.js'

const SAMPLES = path.resolve(import.meta.dirname, '../../corpus-samples')
const seeds = readdirSync(SAMPLES)
  .filter((name) => name.endsWith('.txt') && !name.endsWith('.expected.txt'))
  .sort()
  .map((name) => ({ name, text: readFileSync(path.join(SAMPLES, name), 'utf8') }))
const seedLines = seeds.flatMap((seed) => seed.text.split('\n').filter((line) => line.trim() !== ''))

/** Writes `chunks` into a stream and reads everything it gives, as one string. */
async function run(options: TidyStreamOptions, chunks: Iterable<string | Uint8Array>): Promise<string> {
  const stream = createTidyStream(options)
  const writer = stream.writable.getWriter()
  const reading = readText(stream.readable)
  // When the stream errors, both sides reject: the writer's rejection is the one returned.
  reading.catch(() => {})
  for (const chunk of chunks) await writer.write(chunk)
  await writer.close()
  return reading
}

/** Cuts `text` at the given fractions (code-unit positions, so surrogate pairs and characters may be split). */
function cut(text: string, points: number[]): string[] {
  const at = [...new Set(points.map((p) => Math.floor(p * text.length)))].sort((a, b) => a - b)
  const parts: string[] = []
  let from = 0
  for (const i of at) {
    parts.push(text.slice(from, i))
    from = i
  }
  parts.push(text.slice(from))
  return parts
}

describe('createTidyStream on plain text', () => {
  it('cleans every seed page as tidy() does, however the text is cut into chunks', async () => {
    for (const seed of seeds) {
      const expected = tidy(seed.text).text
      expect(await run({}, [seed.text]), seed.name).toBe(expected)
    }
    const seed = seeds[0]!
    const expected = tidy(seed.text).text
    await fc.assert(
      fc.asyncProperty(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }), async (points) => {
        expect(await run({}, cut(seed.text, points))).toBe(expected)
      }),
      { numRuns: 15 },
    )
  })

  it('takes bytes cut inside a character, and text with a surrogate pair cut in half', async () => {
    const seed = seeds[1]!
    const bytes = new TextEncoder().encode(seed.text)
    const pieces = [bytes.subarray(0, 1001), bytes.subarray(1001, 1002), bytes.subarray(1002)]
    expect(await run({}, pieces)).toBe(tidy(seed.text).text)
    const astral = '𠀀𠀁中文。'
    expect(await run({}, [astral.slice(0, 1), astral.slice(1)])).toBe(tidy(astral).text)
  })

  it('reports each document once, with the messages tidy() gives', async () => {
    const seed = seeds[0]!
    const reports: DocumentReport[] = []
    await run({ onReport: (r) => reports.push(r) }, [seed.text])
    expect(reports).toHaveLength(1)
    const expected = tidy(seed.text)
    expect(reports[0]!.messages.map((m) => m.ruleId)).toEqual(expected.messages.map((m) => m.ruleId))
    expect(reports[0]!.stats).toEqual(expected.stats)
  })

  it('keeps memory bounded on a large input: what is held back stays within a few windows', async () => {
    const windowBytes = 64 << 10
    const stream = createTidyStream({ windowBytes, only: ['punctuation'] })
    const writer = stream.writable.getWriter()
    const encoder = new TextEncoder()
    let written = 0
    let read = 0
    let widest = 0
    const reading = (async () => {
      const reader = stream.readable.getReader()
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return
        read += encoder.encode(value).length
        widest = Math.max(widest, written - read)
      }
    })()
    const paragraph = seedLines.slice(0, 40).join('\n') + '\n\n'
    const chunk = encoder.encode(paragraph.repeat(8))
    while (written < 24 << 20) {
      await writer.write(chunk)
      written += chunk.length
    }
    await writer.close()
    await reading
    // The punctuation step leaves these lines' length in bytes nearly as they are, so input and output line up.
    expect(read).toBeGreaterThan(written * 0.9)
    expect(widest).toBeLessThan(windowBytes * 16)
  }, 120_000)
})

describe('createTidyStream on JSON Lines', () => {
  const records = Array.from({ length: 3000 }, (_, i) => ({ id: i, text: seedLines[i % seedLines.length]! }))
  const input = records.map((r) => JSON.stringify(r)).join('\n') + '\n'

  it('gives a record out for every record in, in order, each cleaned as tidy() cleans its field', async () => {
    const reports: DocumentReport[] = []
    const out = await run({ jsonl: true, onReport: (r) => reports.push(r) }, cut(input, [0.1, 0.33, 0.5, 0.9]))
    const lines = out.split('\n')
    expect(lines.pop()).toBe('')
    expect(lines).toHaveLength(records.length)
    const cache = new Map<string, string>()
    lines.forEach((line, i) => {
      const record = JSON.parse(line) as { id: number; text: string }
      expect(record.id).toBe(i)
      const source = records[i]!.text
      if (!cache.has(source)) cache.set(source, tidy(source).text)
      expect(record.text).toBe(cache.get(source))
    })
    expect(reports.map((r) => r.record)).toEqual(records.map((_, i) => i + 1))
  })

  it('keeps order, count and memory on 200 MB of records generated on the fly: live memory grows by under 50 MB', async () => {
    // Records made as the stream asks for them (a pull source), their text the seed pages' lines; the sink checks
    // each record's id as it comes and keeps nothing. Only the punctuation step runs: the stream's work (records
    // parsed, batched, cleaned, written back in order) is all there, at a few times the speed of the full pipeline.
    const TOTAL = 200 << 20
    const only: TidyStreamOptions['only'] = ['punctuation']
    const encoder = new TextEncoder()
    const cleaned = new Map<string, string>()
    const clean = (text: string): string => {
      let out = cleaned.get(text)
      if (out === undefined) cleaned.set(text, (out = tidy(text, { only }).text))
      return out
    }
    for (const line of seedLines) clean(line) // warm: the step's tables load before the baseline
    let made = 0
    let produced = 0
    let consumed = 0
    let widest = 0
    const source = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (made >= TOTAL) return controller.close()
        let chunk = ''
        while (chunk.length < 32 << 10) {
          chunk += JSON.stringify({ id: produced, url: `https://example.org/${produced}`, text: seedLines[produced % seedLines.length] }) + '\n'
          produced++
        }
        const bytes = encoder.encode(chunk)
        made += bytes.length
        controller.enqueue(bytes)
      },
    })
    // Live memory, after a full collection: what the stream holds, not the garbage a lazy collector has not yet
    // returned (a process's RSS also counts the other test files' leftovers, and varies by 100 MB between runs).
    v8.setFlagsFromString('--expose-gc')
    const gc = vm.runInNewContext('gc') as () => void
    const rss = () => {
      gc()
      const usage = process.memoryUsage()
      return usage.heapUsed + usage.arrayBuffers
    }
    const baseline = rss()
    let peak = baseline
    let lastSample = 0
    let carry = ''
    await source.pipeThrough(createTidyStream({ jsonl: true, only })).pipeTo(
      new WritableStream<string>({
        write(chunk) {
          const text = carry + chunk
          let from = 0
          for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', from)) {
            const line = text.slice(from, end)
            from = end + 1
            const id = /^\{"id":(\d+),/.exec(line)?.[1]
            if (Number(id) !== consumed) throw new Error(`record ${consumed}: got ${line.slice(0, 80)}`)
            // Every 97th record in full: its text cleaned as tidy() cleans it, the rest of it as it was.
            if (consumed % 97 === 0) {
              const record = JSON.parse(line) as { id: number; url: string; text: string }
              const source = seedLines[consumed % seedLines.length]!
              if (record.text !== clean(source) || record.url !== `https://example.org/${consumed}`) throw new Error(`record ${consumed} differs: ${line}`)
            }
            consumed++
          }
          carry = text.slice(from)
          widest = Math.max(widest, produced - consumed)
          if (consumed % 16384 < 64 && consumed - lastSample >= 16384) (lastSample = consumed), (peak = Math.max(peak, rss()))
        },
      }),
    )
    peak = Math.max(peak, rss())
    expect(made).toBeGreaterThanOrEqual(TOTAL)
    expect(carry).toBe('')
    expect(consumed).toBe(produced)
    // What is held back between the source and the sink: a few batches (64 KiB each), not the input.
    expect(widest, 'records made but not yet out').toBeLessThan(10_000)
    expect((peak - baseline) / 2 ** 20, `peak live-memory growth in MB (${produced} records, ${(made / 2 ** 20).toFixed(0)} MB)`).toBeLessThan(50)
  }, 300_000)

  it('cleans the field it is told to', async () => {
    const out = await run({ jsonl: true, field: 'body' }, ['{"text":"書(shū)記","body":"書(shū)記"}\n'])
    expect(JSON.parse(out)).toEqual({ text: '書(shū)記', body: tidy('書(shū)記').text })
  })

  it('errors on a bad record by default, naming the stream and line; keeps or skips it when told', async () => {
    const bad = '{"text":"一"}\n{"text":\n{"text":"二"}\n'
    await expect(run({ jsonl: true, name: 'dump.jsonl' }, [bad])).rejects.toThrow(/dump\.jsonl:2/)
    const warnings: string[] = []
    const kept = await run({ jsonl: true, onError: 'keep', onWarning: (w) => warnings.push(w) }, [bad])
    expect(kept.split('\n')).toEqual(['{"text":"一"}', '{"text":', '{"text":"二"}', ''])
    expect(warnings.join('\n')).toMatch(/<stream>:2/)
    const skipped = await run({ jsonl: true, onError: 'skip' }, [bad])
    expect(skipped).toBe('{"text":"一"}\n{"text":"二"}\n')
  })
})

describe('createTidyTransform (Node)', () => {
  it('runs in a pipeline on Buffers and gives the same text as the web stream', async () => {
    const seed = seeds[2]!
    let out = ''
    const bytes = Buffer.from(seed.text, 'utf8')
    await pipeline(Readable.from([bytes.subarray(0, 777), bytes.subarray(777)]), createTidyTransform(), async (source: AsyncIterable<string>) => {
      for await (const chunk of source) out += chunk
    })
    expect(out).toBe(tidy(seed.text).text)
  })

  it('passes a stream error on to the pipeline', async () => {
    const sink = async (source: AsyncIterable<string>) => {
      for await (const _ of source) void _
    }
    await expect(pipeline(Readable.from([Buffer.from('not json\n')]), createTidyTransform({ jsonl: true }), sink)).rejects.toThrow(/<stream>:1/)
  })
})
