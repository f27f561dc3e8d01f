/**
 * CJK Radicals Supplement (U+2E80–U+2EFF) forms that Unicode gives no decomposition, mapped to the
 * unified ideograph they stand for in running text. Source: the Unicode Character Database names of
 * these characters (CJK RADICAL X, C-SIMPLIFIED X …), read by hand and checked against Python's unicodedata; the radicals that stand only for a
 * component (⺀, ⺅ …) are not listed and stay as they are.
 */
export const RADICAL_SUPPLEMENT: ReadonlyMap<string, string> = new Map([
  ['\u2e8b', '\u353e'], // ⺋ CJK RADICAL SEAL
  ['\u2e8e', '\u5140'], // ⺎ CJK RADICAL LAME ONE → 兀
  ['\u2e93', '\u5e7a'], // ⺓ CJK RADICAL THREAD → 幺
  ['\u2e94', '\u5f51'], // ⺔ CJK RADICAL SNOUT ONE → 彑
  ['\u2e97', '\u5fc3'], // ⺗ CJK RADICAL HEART TWO → 心
  ['\u2e9b', '\u65e1'], // ⺛ CJK RADICAL CHOKE → 旡
  ['\u2ea0', '\u6c11'], // ⺠ CJK RADICAL CIVILIAN → 民
  ['\u2ea4', '\u722b'], // ⺤ CJK RADICAL PAW ONE → 爫
  ['\u2ea6', '\u4e2c'], // ⺦ CJK RADICAL SIMPLIFIED HALF TREE TRUNK → 丬
  ['\u2ea8', '\u72ad'], // ⺨ CJK RADICAL DOG → 犭
  ['\u2eab', '\u7f52'], // ⺫ CJK RADICAL EYE → 罒
  ['\u2eae', '\u7af9'], // ⺮ CJK RADICAL BAMBOO → 竹
  ['\u2eb3', '\u7f53'], // ⺳ CJK RADICAL NET THREE → 罓
  ['\u2eb7', '\u7f8a'], // ⺷ CJK RADICAL RAM → 羊
  ['\u2ebb', '\u8080'], // ⺻ CJK RADICAL BRUSH TWO → 肀
  ['\u2ec0', '\u8279'], // ⻀ CJK RADICAL GRASS THREE → 艹
  ['\u2ec6', '\u89d2'], // ⻆ CJK RADICAL SIMPLIFIED HORN → 角
  ['\u2ec8', '\u8ba0'], // ⻈ CJK RADICAL C-SIMPLIFIED SPEECH → 讠
  ['\u2ec9', '\u8d1d'], // ⻉ CJK RADICAL C-SIMPLIFIED SHELL → 贝
  ['\u2ecb', '\u8f66'], // ⻋ CJK RADICAL C-SIMPLIFIED CART → 车
  ['\u2ed0', '\u9485'], // ⻐ CJK RADICAL C-SIMPLIFIED GOLD → 钅
  ['\u2ed3', '\u957f'], // ⻓ CJK RADICAL C-SIMPLIFIED LONG → 长
  ['\u2ed4', '\u95e8'], // ⻔ CJK RADICAL C-SIMPLIFIED GATE → 门
  ['\u2ed7', '\u96e8'], // ⻗ CJK RADICAL RAIN → 雨
  ['\u2ed8', '\u9752'], // ⻘ CJK RADICAL BLUE → 青
  ['\u2edd', '\u98df'], // ⻝ CJK RADICAL EAT ONE → 食
  ['\u2ee0', '\u9963'], // ⻠ CJK RADICAL C-SIMPLIFIED EAT → 饣
  ['\u2ee2', '\u9a6c'], // ⻢ CJK RADICAL C-SIMPLIFIED HORSE → 马
  ['\u2ee4', '\u9b3c'], // ⻤ CJK RADICAL GHOST → 鬼
  ['\u2ee5', '\u9c7c'], // ⻥ CJK RADICAL C-SIMPLIFIED FISH → 鱼
  ['\u2ee6', '\u9e1f'], // ⻦ CJK RADICAL C-SIMPLIFIED BIRD → 鸟
  ['\u2ee9', '\u9ec4'], // ⻩ CJK RADICAL SIMPLIFIED YELLOW → 黄
  ['\u2eea', '\u9efe'], // ⻪ CJK RADICAL C-SIMPLIFIED FROG → 黾
  ['\u2eed', '\u6b6f'], // ⻭ CJK RADICAL J-SIMPLIFIED TOOTH → 歯
  ['\u2eee', '\u9f7f'], // ⻮ CJK RADICAL C-SIMPLIFIED TOOTH → 齿
  ['\u2ef0', '\u9f99'], // ⻰ CJK RADICAL C-SIMPLIFIED DRAGON → 龙
  ['\u2ef2', '\u4e80'], // ⻲ CJK RADICAL J-SIMPLIFIED TURTLE → 亀
  ['\u2ef3', '\u9f9f'], // ⻳ CJK RADICAL C-SIMPLIFIED TURTLE → 龟
])
