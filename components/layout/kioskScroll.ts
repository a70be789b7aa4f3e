/**
 * Auto-scroll of a wall screen: the page, or a view's own scroll area (the scorecard's table),
 * moves on by most of a screen; 'done' when everything has been shown.
 */

/** Of a screen, how much one step moves: the last lines of one step are the first of the next. */
const STEP = 0.85;
/** Scroll areas smaller than this are widgets (a list in a panel), not the view itself. */
const MIN_AREA_PX = 240;

function hasMore(el: Element): boolean {
  return el.scrollTop + el.clientHeight < el.scrollHeight - 2;
}

/** The page first, then the view's own scroll areas, in page order. */
function scrollAreas(doc: Document): Element[] {
  const areas: Element[] = [];
  if (doc.scrollingElement) areas.push(doc.scrollingElement);
  for (const el of doc.querySelectorAll('main *')) {
    if (el.clientHeight < MIN_AREA_PX) continue;
    const overflow = doc.defaultView?.getComputedStyle(el).overflowY;
    if (overflow === 'auto' || overflow === 'scroll') areas.push(el);
  }
  return areas;
}

export function nextKioskStep(doc: Document): 'scrolled' | 'done' {
  const area = scrollAreas(doc).find(hasMore);
  if (!area) return 'done';
  area.scrollBy({ top: Math.round(area.clientHeight * STEP), behavior: 'smooth' });
  return 'scrolled';
}
