// The parents' page (shell/index.html): the app with the device's parts — drafts, kiosk and
// tablet modes, the outbox, the offline app.
import { loadPage } from "./loader.mjs";

loadPage();
