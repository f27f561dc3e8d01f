// Writes the byte-level samples of corpus-samples/ (006, 007) from prose written here, damaged the way real
// programs damage text: WHATWG decoders (Node's TextDecoder, as browsers) for misreadings, iconv-lite for
// encoders that print `?` for what they cannot encode. The expected outputs beside them were checked by hand.
// Run: node scripts/gen-byte-samples.mjs
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import iconv from 'iconv-lite'

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'corpus-samples')

const library = [
  '市图书馆发布冬季开放时间调整通知',
  '为方便读者借阅，市图书馆自12月1日起调整冬季开放时间。',
  '周一至周五上午九点开馆，晚上八点闭馆；周末延长至晚上九点。',
  '少儿阅览室和自习室同步调整，寒假期间另行通知。',
  '读者可通过官方网站或微信公众号预约座位，每人每天限约一次。',
  '馆方提醒，进馆时请出示读者证，并保持安静。',
  '如有疑问，请在工作日拨打服务电话咨询。',
]
const utf8 = (text) => Buffer.from(text, 'utf8')
/** UTF-8 bytes shown by a GBK decoder. */
const utf8AsGbk = (text) => new TextDecoder('gbk').decode(utf8(text))
/** GBK bytes shown as Latin-1. */
const gbkAsLatin1 = (text) => iconv.encode(text, 'gbk').toString('latin1')
/** UTF-8 bytes shown by a browser's windows-1252 decoder (the five undefined bytes as C1 controls). */
const utf8As1252 = (text) =>
  [...utf8(text)].map((b) => (b >= 0x80 && b < 0xa0 && iconv.decode(Buffer.from([b]), 'windows-1252') === '\uFFFD' ? String.fromCharCode(b) : iconv.decode(Buffer.from([b]), 'windows-1252'))).join('')
/** Mojibake saved again as GBK: each U+FFFD becomes `?`. */
const savedAsGbk = (text) => iconv.decode(iconv.encode(utf8AsGbk(text), 'gbk'), 'gbk')

// 006: a UTF-8 file whose lines were damaged by different misreadings (one line clean, one clause damaged).
const mojibake = [
  library[0],
  library[1],
  utf8AsGbk(library[2]),
  gbkAsLatin1(library[3]),
  utf8As1252(library[4]),
  library[5].slice(0, 5) + utf8AsGbk(library[5].slice(5)),
  savedAsGbk(library[6]),
]
writeFileSync(path.join(dir, '006-own-mojibake-lines.txt'), mojibake.join('\n') + '\n')

// 007: a legacy file in GBK whose third line was pasted from a Big5 page (traditional text).
const notice = [
  '社区志愿服务队招募启事',
  '本社区志愿服务队现面向居民招募新成员，欢迎热心公益的朋友加入。',
  '服務內容包括陪伴獨居老人、協助社區活動及整理圖書角。',
  '报名者请于本月底前到社区服务中心登记，并留下联系方式。',
]
const bytes = Buffer.concat(notice.map((line, i) => Buffer.concat([iconv.encode(line, i === 2 ? 'big5' : 'gbk'), Buffer.from('\r\n')])))
writeFileSync(path.join(dir, '007-own-gbk-file-big5-line.txt'), bytes)
