import type { Plugin } from 'unified'
import type { Root } from '../types.js'

/** Joins the lines back into text, dropping removed lines together with their line breaks. */
export function stringifyRoot(tree: Root): string {
  let out = ''
  for (const node of tree.children) {
    if (node.data?.removed) continue
    out += node.value + node.eol
  }
  return out
}

export const zhtidyStringify: Plugin<[], Root, string> = function () {
  this.compiler = (tree) => stringifyRoot(tree as Root)
}
