import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";

/** A titled chart card; the test id sits on the figure, whose accessible name is the title. */
export function ChartFigure({
  testId,
  title,
  caption,
  children,
}: {
  testId: string;
  title: string;
  caption: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card title={<span id={`${testId}-title`}>{title}</span>}>
      <figure
        data-testid={testId}
        aria-labelledby={`${testId}-title`}
        aria-describedby={`${testId}-caption`}
        className="space-y-2"
      >
        {children}
        <figcaption id={`${testId}-caption`} className="text-xs text-zinc-500">
          {caption}
        </figcaption>
      </figure>
    </Card>
  );
}
