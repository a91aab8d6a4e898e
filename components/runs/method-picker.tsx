"use client";

import { Card } from "@/components/ui/card";
import { useRunFormStore } from "@/lib/stores/use-run-form-store";
import { MethodFields, type MethodChoice } from "./method-fields";

export type { MethodChoice };

/** Which method's texts make the run's prompts (paper: the original Evol-Instruct wording). */
export function MethodPicker({ methods }: { methods: MethodChoice[] }) {
  const { values, set } = useRunFormStore();
  return (
    <Card title="Method">
      <MethodFields
        methods={methods}
        method={values.method}
        methodVersion={values.methodVersion}
        onChange={set}
        testIdPrefix="run"
      />
    </Card>
  );
}
