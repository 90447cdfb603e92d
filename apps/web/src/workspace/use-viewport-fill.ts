import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Makes an element reach exactly to the bottom of the viewport from where it starts (below the app bar), so the page
 * itself never scrolls and the panes inside it scroll on their own. Returns a ref callback and the height to apply.
 */
export function useViewportFill(): [(element: HTMLElement | null) => void, string] {
  const element = useRef<HTMLElement | null>(null);
  const [top, setTop] = useState(0);
  const measure = useCallback(() => {
    if (element.current) setTop(Math.max(0, Math.round(element.current.getBoundingClientRect().top + window.scrollY)));
  }, []);
  const ref = useCallback(
    (node: HTMLElement | null) => {
      element.current = node;
      measure();
    },
    [measure],
  );
  useEffect(() => {
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [measure]);
  return [ref, `calc(100dvh - ${top}px)`];
}
