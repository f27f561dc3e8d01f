/** Everything a readable stream of strings gives, joined, once it ends (rejects when the stream errors). */
export async function readText(readable: ReadableStream<string>): Promise<string> {
  let out = ''
  const reader = readable.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return out
    out += value
  }
}
