import { describe, expect, it } from 'vitest'
import { cleanBytes } from './helpers.js'

const enc = (s: string) => Buffer.from(s, 'utf8')
const only = { only: ['annotations' as const, 'punctuation' as const] }

describe('JSON Lines', () => {
  it('a dump in GBK is decoded record by record and written as UTF-8, with one warning; no text becomes U+FFFD', async () => {
    const iconv = (await import('iconv-lite')).default
    const records = ['{"id":1,"text":"市委書記主持會議,強調"}', '{"id":2,"text":"第二條記錄"}']
    const r = await cleanBytes(new Uint8Array(iconv.encode(records.join('\n') + '\n', 'gbk')), { format: 'jsonl', onError: 'fail', tidy: only })
    expect(r.text).toBe('{"id":1,"text":"市委書記主持會議，強調"}\n{"id":2,"text":"第二條記錄"}\n')
    expect(r.text).not.toContain('\ufffd')
    expect(r.warnings).toEqual(['input:1: records are not UTF-8; decoded as gb18030 and written as UTF-8'])
  })

  it('a record whose bytes no encoding explains is kept byte for byte under keep, and fails naming its line under fail', async () => {
    const good = enc('{"text":"好"}\n')
    const bad = new Uint8Array([...enc('{"text":"'), 0xff, 0xfe, 0x80, 0xff, ...enc('"}\n')])
    const input = new Uint8Array([...good, ...bad, ...good])
    const kept = await cleanBytes(input, { format: 'jsonl', onError: 'keep', tidy: only })
    expect(Buffer.from(kept.out).equals(Buffer.from(input))).toBe(true)
    expect(kept.warnings[0]).toMatch(/^input:2: not valid UTF-8, nor text in another encoding \(kept as it was\)$/)
    await expect(cleanBytes(input, { format: 'jsonl', onError: 'fail', tidy: only })).rejects.toThrow(/input:2: not valid UTF-8/)
  })

  it('keeps a record for every record with --on-error keep: CRLF endings, a CR inside a record, no final newline', async () => {
    const input = '{"text":"書(shū)記,主持"}\r\n' + '{"text":"a\rb"}\r\n' + 'not json\n' + '\n' + '{"id":2,"text":"好的"}'
    const r = await cleanBytes(enc(input), { format: 'jsonl', onError: 'keep', tidy: only, chunk: 7 })
    const lines = r.text.split('\n')
    expect(lines).toEqual(['{"text":"書記，主持"}\r', '{"text":"a\rb"}\r', 'not json', '', '{"id":2,"text":"好的"}'])
    // The raw CR makes that record invalid JSON: it is reported with its line, and kept whole.
    expect(r.warnings).toHaveLength(2)
    expect(r.warnings[0]).toMatch(/^input:2: not JSON .*\(kept as it was\)$/)
    expect(r.warnings[1]).toMatch(/^input:3: not JSON .*\(kept as it was\)$/)
    expect(r.reports.map((x) => [x.record, x.changed])).toEqual([
      [1, true],
      [5, false],
    ])
  })

  it('a record split across many chunks is still one record; skip drops and counts bad ones', async () => {
    const long = '长'.repeat(100_000)
    const input = `{"text":"${long},好"}\n{"bad"\n{"text":"x"}\n`
    const r = await cleanBytes(enc(input), { format: 'jsonl', onError: 'skip', tidy: only, chunk: 1000 })
    expect(r.text).toBe(`{"text":"${long}，好"}\n{"text":"x"}\n`)
    expect(r.skipped).toBe(1)
  })

  it('a bad record under --on-error fail is an error naming the input and the line', async () => {
    await expect(cleanBytes(enc('{"text":"ok"}\n{"text":5}\n'), { format: 'jsonl', tidy: only })).rejects.toThrow('input:2: field "text" is not a string')
  })
})

/** A WARC record by hand: CRLF header lines, a blank line, the block, CRLF CRLF. */
function record(type: string, block: string, extra: string[] = []): string {
  const headers = ['WARC/1.0', `WARC-Type: ${type}`, 'WARC-Record-ID: <urn:uuid:0000>', ...extra, `Content-Length: ${Buffer.byteLength(block)}`]
  return headers.join('\r\n') + '\r\n\r\n' + block + '\r\n\r\n'
}

function parseWarc(bytes: Buffer): { header: string; block: Buffer }[] {
  const out: { header: string; block: Buffer }[] = []
  let at = 0
  while (at < bytes.length) {
    const end = bytes.indexOf('\r\n\r\n', at)
    const header = bytes.subarray(at, end + 4).toString('latin1')
    const length = Number(/Content-Length: (\d+)/.exec(header)![1])
    const block = bytes.subarray(end + 4, end + 4 + length)
    expect(bytes.subarray(end + 4 + length, end + 8 + length).toString()).toBe('\r\n\r\n')
    out.push({ header, block })
    at = end + 8 + length
  }
  return out
}

describe('WARC and WET', () => {
  const request = 'GET /page HTTP/1.1\r\nHost: example.com\r\n\r\n'
  const conversion = '市委書(shū)記主持會議,研究部署工作。\n第二段。\n'
  const response = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 21\r\n\r\n書(shū)記,主持'
  const input = record('request', request, ['WARC-Target-URI: http://example.com/page']) + record('conversion', conversion, ['Content-Type: text/plain']) + record('response', response)

  it('cleans conversion and response bodies, rewrites Content-Length to the new length, keeps every other header byte', async () => {
    const r = await cleanBytes(enc(input), { tidy: only, chunk: 50 })
    const before = parseWarc(enc(input))
    const after = parseWarc(r.out as Buffer)
    expect(after).toHaveLength(3)
    // The request record is left exactly as it was.
    expect(after[0]!.header).toBe(before[0]!.header)
    expect(after[0]!.block.toString()).toBe(request)
    // The conversion body is cleaned, and its Content-Length is the cleaned body's byte length.
    expect(after[1]!.block.toString()).toBe('市委書記主持會議，研究部署工作。\n第二段。\n')
    expect(after[1]!.header).toBe(before[1]!.header.replace(/Content-Length: \d+/, `Content-Length: ${after[1]!.block.length}`))
    expect(after[1]!.header).toContain('\r\nWARC-Type: conversion\r\n')
    // The response keeps its HTTP header, with that header's own length brought up to date too.
    const http = after[2]!.block.toString()
    expect(http).toMatch(/^HTTP\/1\.1 200 OK\r\nContent-Type: text\/plain; charset=utf-8\r\nContent-Length: \d+\r\n\r\n書記，主持$/)
    expect(Number(/Content-Length: (\d+)/.exec(http)![1])).toBe(Buffer.byteLength('書記，主持'))
    // The line each record's header starts on: after 6 header lines, 3 of block and 2 of separator; then 6, 2, 2.
    expect(r.reports.map((x) => x.record)).toEqual([12, 22])
  })

  it('passes warcinfo and metadata records through, and names the line of a broken record', async () => {
    const info = record('warcinfo', 'software: test\r\nformat: WARC\r\n') + record('metadata', 'x: 書(shū)記\r\n')
    const r = await cleanBytes(enc(info), { tidy: only })
    expect(r.text).toBe(info)
    await expect(cleanBytes(enc(info + 'WARC/1.0\r\nWARC-Type: conversion\r\n\r\nbody'), { tidy: only })).rejects.toThrow(/input:18: WARC record without a valid Content-Length/)
  })
})
