"use client";
// Ticks or clears every row checkbox that belongs to the bulk form.
import { BULK_FORM_ID, BULK_SELECTION_EVENT } from "./bulk-selection";

export function SelectAllCheckbox() {
  return (
    <input
      type="checkbox"
      aria-label="Select all users on this page"
      className="h-4 w-4"
      onChange={(e) => {
        for (const box of document.querySelectorAll<HTMLInputElement>(`input[name="userIds"][form="${BULK_FORM_ID}"]`)) box.checked = e.target.checked;
        document.dispatchEvent(new Event(BULK_SELECTION_EVENT));
      }}
    />
  );
}
