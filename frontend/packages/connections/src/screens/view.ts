// What every part of the manage-connections screen gets: the state and a way to send it events.

import type { ManageEvent, ManageState } from "../manage.js";

export interface View {
  state: ManageState;
  send: (event: ManageEvent) => void;
  /** The lender gave onClose: the header has a close button. */
  closable: boolean;
}
