// The member's page: served by the hub to each member's phone (docs/room.md).
// The app's styles first: the page's own come after and win.
import "../app.css";
import { mount } from "svelte";
import MemberApp from "./MemberApp.svelte";
import { MemberSession } from "./session.svelte";
import { fr } from "../lib/i18n/fr";

/** The tab's sessionStorage, or a map that lasts as long as the page when the browser
 * refuses it (some private modes). */
function tabStorage(): Storage {
  try {
    const s = window.sessionStorage;
    s.setItem("cesp-room-probe", "1");
    s.removeItem("cesp-room-probe");
    return s;
  } catch {
    const m = new Map<string, string>();
    return {
      get length() {
        return m.size;
      },
      clear: () => m.clear(),
      getItem: (k) => m.get(k) ?? null,
      key: (i) => [...m.keys()][i] ?? null,
      removeItem: (k) => void m.delete(k),
      setItem: (k, v) => void m.set(k, String(v)),
    };
  }
}

// The link's secret leaves the address bar at once: not in the history, not on a screen
// someone else looks at.
const hash = location.hash;
if (hash !== "") history.replaceState(null, "", location.pathname + location.search);
document.title = fr.room.member.title;

const session = new MemberSession({ fetch: window.fetch.bind(window), storage: tabStorage(), events: window });
const target = document.getElementById("app");
if (target) mount(MemberApp, { target, props: { session } });
void session.start(hash);
