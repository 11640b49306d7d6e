import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify';
import { Marked } from 'marked';

const markdown = new Marked({ gfm: true, async: false });

/**
 * What Markdown makes, and nothing else: no script, style, form, frame, media or embed, and no
 * attribute that loads or sends anything (srcset, ping, poster, background, style).
 */
const SANITIZE: Config = {
  ALLOWED_TAGS: [
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code'],
    ...['em', 'strong', 'del', 's', 'sup', 'sub', 'span', 'a', 'img', 'ul', 'ol', 'li', 'input'],
    ...['table', 'thead', 'tbody', 'tr', 'th', 'td', 'details', 'summary'],
  ],
  ALLOWED_ATTR: ['href', 'src', 'alt', 'title', 'align', 'start', 'type', 'checked', 'disabled'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
};

let purifier: Purifier | undefined;

/** A private DOMPurify instance (its settings do not change other users of the library). */
function getPurifier(): Purifier {
  purifier ??= DOMPurify(window);
  return purifier;
}

/**
 * Markdown (GitHub flavour) as HTML that is safe to insert: no script can run from it, and it
 * reaches no other site. DOMPurify parses and cleans it in a document of its own (DOMParser's,
 * where no script runs and no image loads) and hands back a fragment of that document; there an
 * image from another site becomes its description (the page would fetch it, telling that site
 * who reads the notebook and when), and a link to another site loses its address, kept as text to
 * copy. Only the finished HTML reaches the page.
 */
export function renderMarkdown(text: string): string {
  const html = markdown.parse(text, { async: false });
  const fragment = getPurifier().sanitize(html, { ...SANITIZE, RETURN_DOM_FRAGMENT: true });
  const doc = fragment.ownerDocument;
  for (const img of fragment.querySelectorAll('img')) {
    if (isImageHere(img.getAttribute('src') ?? '')) continue;
    const alt = img.getAttribute('alt')?.trim() || 'no description';
    img.replaceWith(doc.createTextNode(`[image not shown: ${alt}, from another site]`));
  }
  for (const a of fragment.querySelectorAll('a[href]')) {
    const href = a.getAttribute('href')!;
    if (href.startsWith('#')) continue;
    if (isOnThisSite(href)) {
      a.setAttribute('target', '_blank');
      a.setAttribute('rel', 'noopener noreferrer');
    } else {
      a.removeAttribute('href');
      a.setAttribute('class', 'outside-link');
      a.setAttribute('title', `${href} (another site: copy the address to visit it)`);
    }
  }
  const holder = doc.createElement('div');
  holder.append(fragment);
  return holder.innerHTML;
}

/** A data: image, or an address on the page's own site (a relative path). */
function isImageHere(src: string): boolean {
  return /^data:image\//i.test(src.trim()) || isOnThisSite(src);
}

function isOnThisSite(address: string): boolean {
  try {
    const url = new URL(address, location.href);
    return url.origin === location.origin && url.origin !== 'null';
  } catch {
    return false;
  }
}
