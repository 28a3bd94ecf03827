import { useLayoutEffect, useRef } from 'react';

/**
 * The element's height as a CSS variable on the document (`--toolbar-h`, `--timeline-h`), which places the sticky
 * side panels between the toolbar and the timeline: either may wrap or grow, and must never cover them.
 */
export function useHeightVariable<T extends HTMLElement>(name: `--${string}`) {
  const ref = useRef<T>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => root.style.setProperty(name, `${element.offsetHeight}px`));
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty(name);
    };
  }, [name]);
  return ref;
}
