/**
 * DOM helpers for WordprocessingML. Elements are matched by local name only: transitional
 * (schemas.openxmlformats.org) and strict (purl.oclc.org) documents use different namespace URIs for the
 * same vocabulary, and the w14/wp/a/v prefixes never clash on the names we read.
 */
import { DOMParser, type Element } from "@xmldom/xmldom";

export type { Element };

const ELEMENT_NODE = 1;

export class XmlParseError extends Error {
  override readonly name = "XmlParseError";
}

export function parseXml(text: string, part: string): Element {
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") throw new XmlParseError(`${part}: ${message}`);
    },
  }).parseFromString(text, "application/xml");
  const root = doc.documentElement;
  if (!root) throw new XmlParseError(`${part}: no root element`);
  return root;
}

export function localName(el: Element): string {
  return el.localName ?? el.nodeName.replace(/^.*:/, "");
}

export function children(el: Element, name?: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== ELEMENT_NODE) continue;
    const e = n as Element;
    if (name === undefined || localName(e) === name) out.push(e);
  }
  return out;
}

export function child(el: Element | undefined, name: string): Element | undefined {
  if (!el) return undefined;
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === ELEMENT_NODE && localName(n as Element) === name) return n as Element;
  }
  return undefined;
}

/** Depth-first descendants with this local name (document order). */
export function descendants(el: Element, name: string): Element[] {
  const out: Element[] = [];
  const walk = (e: Element) => {
    for (const c of children(e)) {
      if (localName(c) === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

/** Attribute by local name, whatever its prefix (w:val, w14:val, r:embed …). */
export function attr(el: Element | undefined, name: string): string | undefined {
  if (!el) return undefined;
  const attrs = el.attributes;
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs.item(i);
    if (a && (a.localName ?? a.name.replace(/^.*:/, "")) === name) return a.value;
  }
  return undefined;
}

/** ST_OnOff toggle element (<w:b/>, <w:checked w:val="0"/>): present and not explicitly off. */
export function isOn(el: Element | undefined): boolean {
  if (!el) return false;
  const v = attr(el, "val");
  return v === undefined || !["0", "false", "off"].includes(v.toLowerCase());
}

export function textContent(el: Element): string {
  return el.textContent ?? "";
}
