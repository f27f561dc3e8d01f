// European text read as bytes: the decoder is tuned for Chinese, and must not take short Latin text for CJK.
// Found by hand (issue 14): `café ok\n` in windows-1252 came back as UTF-16BE `捡曩⁯權`, its line feed eaten;
// `café and Ã\n` in UTF-8 came back as GBK `caf茅 and 脙`. The texts are ftfy's own "fixed" strings (real text
// from its public test suite, read in place from ../shared/suites/ftfy), each as UTF-8 and as windows-1252.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { decodeBytes } from '../../src/decode/index.js'

const suite = path.resolve(__dirname, '../../../shared/suites/ftfy')

describe('short European text', () => {
  it('the two cases found by hand decode as what they are', () => {
    expect(decodeBytes(Buffer.from('caf\xe9 ok\n', 'latin1'))).toMatchObject({ text: 'café ok\n', encoding: 'windows-1252' })
    expect(decodeBytes(Buffer.from('café and Ã\n'))).toMatchObject({ text: 'café and Ã\n', encoding: 'utf-8' })
  })

  it('short GBK that happens to be valid UTF-8 is still GBK', () => {
    // `为使` in GBK is CE AA CA B9: valid UTF-8 (`Ϊʹ`), but no Latin letter inside a word.
    expect(decodeBytes(iconv.encode('为使', 'gbk')).text).toBe('为使')
  })

  it.skipIf(!existsSync(suite))("ftfy's fixed Latin texts come back exactly, from UTF-8 and from windows-1252 bytes", () => {
    const cases = ['in-the-wild.json', 'synthetic.json'].flatMap((f) => JSON.parse(readFileSync(path.join(suite, f), 'utf8')) as { fixed: string }[])
    // Text windows-1252 can hold, with a letter outside ASCII: what a European page in a legacy encoding is.
    const latin = [...new Set(cases.map((c) => c.fixed))].filter((t) => /[À-ÿ]/.test(t) && /^[\x20-\x7e\u00a0-\u00ff]+$/.test(t))
    expect(latin.length).toBeGreaterThan(20)
    const wrong: string[] = []
    for (const text of latin) {
      const line = text + '\n'
      const fromUtf8 = decodeBytes(Buffer.from(line, 'utf8')).text
      const from1252 = decodeBytes(iconv.encode(line, 'windows-1252')).text
      if (fromUtf8 !== line) wrong.push(`utf-8: ${JSON.stringify(fromUtf8)}`)
      // windows-1252 bytes that are valid UTF-8 as well (`SÉ¡` is C9 A1, `Sɡ` in UTF-8) cannot be told apart by
      // their bytes; UTF-8 wins those, as every decoder decides.
      const bytes1252 = iconv.encode(line, 'windows-1252')
      const alsoUtf8 = Buffer.from(bytes1252.toString('utf8'), 'utf8').equals(bytes1252)
      if (from1252 !== line && !alsoUtf8) wrong.push(`windows-1252: ${JSON.stringify(from1252)}`)
    }
    expect(wrong).toEqual([])
  })
})
