import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify';
import { Marked } from 'marked';

const markdown = new Marked({ gfm: true, async: false });

/** HTML only (no SVG or MathML), and nothing that carries styles or submits. */
const SANITIZE: Config = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'form', 'button', 'textarea', 'select', 'option'],
  FORBID_ATTR: ['style'],
};

let purifier: Purifier | undefined;

/** A private DOMPurify instance, so the link hook does not change other users of the library. */
function getPurifier(): Purifier {
  if (!purifier) {
    purifier = DOMPurify(window);
    purifier.addHook('afterSanitizeAttributes', (node) => {
      const href = node.tagName === 'A' ? node.getAttribute('href') : null;
      if (href && !href.startsWith('#')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
  }
  return purifier;
}

/** Markdown (GitHub flavour) as HTML that is safe to insert: no script can run from it. */
export function renderMarkdown(text: string): string {
  return getPurifier().sanitize(markdown.parse(text, { async: false }), SANITIZE);
}
