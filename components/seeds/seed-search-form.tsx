import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";

/** A plain GET form: the search lives in the URL, so it can be shared and reloaded. */
export function SeedSearchForm({ action, query }: { action: string; query: string }) {
  return (
    <form action={action} method="get" role="search" className="flex gap-2">
      <Input
        name="q"
        type="search"
        defaultValue={query}
        placeholder="Search instructions and inputs"
        aria-label="Search seeds"
        className="w-72"
      />
      <Button type="submit" variant="secondary">
        Search
      </Button>
    </form>
  );
}
