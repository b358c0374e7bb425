import { searchPieces } from "@/lib/users/search-match";

/** The text with the part the users search matched in <mark>; every piece is rendered as text. */
export function SearchHighlight({ text, query, field }: { text: string; query?: string; field: "name" | "username" }) {
  return (
    <>
      {searchPieces(text, query, field).map((piece, i) =>
        piece.match ? (
          <mark key={i} className="rounded-sm bg-yellow-200 px-0.5 text-inherit">
            {piece.text}
          </mark>
        ) : (
          piece.text
        ),
      )}
    </>
  );
}
