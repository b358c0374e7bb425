"use client";
// The history's "User" filter: a combobox that asks the tenant-scoped type-ahead route for up to
// 10 users of the caller's org and puts the chosen user's id in a hidden `user` field, so the
// filter in the URL is an id (stable when a name changes) while people pick by name. Text typed
// but not picked never goes silently unused: the form refuses to apply it and says to pick a user.
import { useEffect, useId, useRef, useState } from "react";

interface Suggestion {
  id: string;
  name: string;
  username: string;
}

const TYPE_AHEAD_DELAY_MS = 200;

export function UserPicker({ initial }: { initial: Suggestion | null }) {
  const [text, setText] = useState(initial ? `${initial.name} (${initial.username})` : "");
  const [selected, setSelected] = useState(initial?.id ?? "");
  const [options, setOptions] = useState<Suggestion[]>([]);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const [unpicked, setUnpicked] = useState(false);
  const listId = useId();
  const mustPick = text.trim() !== "" && !selected;
  const latest = useRef(0);
  const input = useRef<HTMLInputElement>(null);
  // Leaving the field closes the list a moment later (a click on an option lands first). Coming
  // back or typing within that moment cancels it: else the late close ate the suggestions of what
  // was typed next, and the list never opened (seen in e2e on a fast run).
  const closeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    if (!open || selected || text.trim().length === 0) return;
    const ticket = ++latest.current;
    const timer = setTimeout(async () => {
      const res = await fetch(`/setup/activity/users?q=${encodeURIComponent(text.trim())}`, { headers: { accept: "application/json" } });
      if (!res.ok || ticket !== latest.current) return;
      const body = (await res.json()) as { users: Suggestion[] };
      setOptions(body.users);
      setActive(body.users.length ? 0 : -1);
    }, TYPE_AHEAD_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, open, selected]);

  function choose(s: Suggestion) {
    setSelected(s.id);
    setText(`${s.name} (${s.username})`);
    setOpen(false);
    setOptions([]);
    setUnpicked(false);
    input.current?.setCustomValidity("");
  }

  const showList = open && !selected && options.length > 0;
  return (
    <div className="relative space-y-1">
      <label htmlFor={`${listId}-input`} className="block text-sm font-medium text-slate-800">
        User
      </label>
      <input
        ref={input}
        id={`${listId}-input`}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={`${listId}-list`}
        aria-activedescendant={showList && active >= 0 ? `${listId}-opt-${active}` : undefined}
        autoComplete="off"
        placeholder="Name or username"
        value={text}
        aria-invalid={unpicked && mustPick ? true : undefined}
        aria-describedby={unpicked && mustPick ? `${listId}-error` : undefined}
        onChange={(e) => {
          clearTimeout(closeTimer.current);
          setText(e.target.value);
          setSelected("");
          setOpen(true);
          // The browser's own check blocks "Apply filters" while the text names nobody picked.
          e.target.setCustomValidity(e.target.value.trim() ? "Pick a user from the suggestions, or clear the User field." : "");
        }}
        onInvalid={(e) => {
          e.preventDefault(); // our message below instead of the browser's bubble
          setUnpicked(true);
        }}
        onKeyDown={(e) => {
          if (!showList) return;
          if (e.key === "ArrowDown") setActive((i) => Math.min(i + 1, options.length - 1));
          else if (e.key === "ArrowUp") setActive((i) => Math.max(i - 1, 0));
          else if (e.key === "Enter" && active >= 0) choose(options[active]!);
          else if (e.key === "Escape") setOpen(false);
          else return;
          e.preventDefault();
        }}
        onFocus={() => clearTimeout(closeTimer.current)}
        onBlur={() => {
          closeTimer.current = setTimeout(() => setOpen(false), 150);
        }}
        className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm"
      />
      <input type="hidden" name="user" value={selected} />
      {unpicked && mustPick && (
        <p id={`${listId}-error`} role="alert" className="text-sm text-red-700">
          Pick a user from the suggestions, or clear the User field.
        </p>
      )}
      {showList && (
        <ul
          id={`${listId}-list`}
          role="listbox"
          aria-label="Matching users"
          className="absolute z-10 mt-1 max-h-64 w-full overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg"
        >
          {options.map((s, i) => (
            <li
              key={s.id}
              id={`${listId}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(s);
              }}
              className={`cursor-pointer px-3 py-1.5 ${i === active ? "bg-blue-50" : ""}`}
            >
              {s.name} <span className="text-slate-500">({s.username})</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
