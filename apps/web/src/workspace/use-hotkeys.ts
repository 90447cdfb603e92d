import { useEffect, useRef } from 'react';

export type HotkeyHandler = (event: KeyboardEvent) => boolean;

function isTextField(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element?.tagName) return false;
  if (element.isContentEditable || element.tagName === 'TEXTAREA' || element.tagName === 'SELECT') return true;
  return (
    element.tagName === 'INPUT' &&
    !['checkbox', 'radio', 'button', 'submit'].includes((element as HTMLInputElement).type)
  );
}

/**
 * Window-level hotkeys by physical key (`event.code`), so they work with Arabic or Chinese layouts. Keys typed into a
 * text field are left alone, except Escape (leave the field) and Ctrl/⌘+Enter (submit). While a dialog is open the
 * dialog handles its own keys.
 */
export function useHotkeys(handler: HotkeyHandler, enabled: boolean): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!enabled) return;
    const listener = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      // Keys typed inside a dialog, drawer or menu belong to it (focus is trapped there while it is open).
      if (
        (event.target as HTMLElement | null)?.closest?.(
          '[role="dialog"], [role="menu"], [role="listbox"], .MuiDrawer-modal',
        )
      )
        return;
      if (isTextField(event.target)) {
        if (event.key === 'Escape') (event.target as HTMLElement).blur();
        else if (!(event.key === 'Enter' && (event.ctrlKey || event.metaKey))) return;
      }
      if ((event.ctrlKey || event.metaKey) && event.key !== 'Enter') return;
      if (latest.current(event)) event.preventDefault();
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [enabled]);
}
