// The users table's checkboxes belong to the bulk-actions form by id (they sit in the table, the
// form in the toolbar above it); the bar listens for this event to recount the selection.
export const BULK_FORM_ID = "bulk-users";
/** Fired by the select-all box, whose programmatic ticks raise no change events. */
export const BULK_SELECTION_EVENT = "bulk-selection-change";
