import type { QueryEditorHelpProps } from '@grafana/data';
import { Button, Stack, Text } from '@grafana/ui';
import React from 'react';
import { FlowsDataSource } from '../datasource';
import { exampleQueries } from '../query/exampleQueries';
import { MacroHelp } from '../sqlEditor/MacroHelp';
import type { FlowsQuery } from '../types';

/** Explore's cheat sheet: example questions to start from, then the macro table. */
export function QueryEditorHelp({ onClickExample, datasource }: QueryEditorHelpProps<FlowsQuery>) {
  const engine = datasource instanceof FlowsDataSource ? datasource.engine : 'clickhouse';
  return (
    <Stack direction="column" gap={2}>
      <Stack direction="column" gap={1}>
        {exampleQueries.map((example) => (
          <Stack key={example.title} gap={2} alignItems="center">
            <Button
              size="sm"
              variant="secondary"
              onClick={() => onClickExample({ refId: 'A', ...example.query })}
              aria-label={`Use example: ${example.title}`}
            >
              Use
            </Button>
            <div>
              <Text weight="medium">{example.title}</Text>
              <Text element="p" color="secondary" variant="bodySmall">
                {example.description}
              </Text>
            </div>
          </Stack>
        ))}
      </Stack>
      <MacroHelp engine={engine} />
    </Stack>
  );
}
