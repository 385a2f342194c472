import { useEffect } from 'preact/hooks';

/**
 * The browser tab's title while the page shows. Never the resident's BSN or name: titles end up in
 * history, bookmarks and screen shares.
 */
export function useTitel(titel: string): void {
  useEffect(() => {
    const vorige = document.title;
    document.title = `${titel} – Twente ketenhub`;
    return () => {
      document.title = vorige;
    };
  }, [titel]);
}
