import React, { useId, useState } from 'react';
import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Button, Checkbox, useStyles2 } from '@grafana/ui';
import { isPolicySelected, type PolicySelection } from '../data/selection';
import { type PolicyGroup } from '../data/types';
import { PolicyItem } from './PolicyItem';
import { type SelectionActions } from './usePolicySelection';

interface Props {
  group: PolicyGroup;
  selection: PolicySelection;
  actions: Pick<SelectionActions, 'setPolicies' | 'setRule'>;
  showObserved: boolean;
}

/** A namespace's policies under one checkbox that selects them all (mixed when some are), collapsible. */
export function NamespaceGroup({ group, selection, actions, showObserved }: Props) {
  const styles = useStyles2(getStyles);
  const [collapsed, setCollapsed] = useState(false);
  const listId = useId();
  const reviewable = group.policies.filter((policy) => policy.document);
  const selected = reviewable.filter((policy) => isPolicySelected(selection, policy.key)).length;
  const keys = reviewable.map((policy) => policy.key);
  return (
    <div className={styles.group}>
      <div className={styles.header}>
        <Button
          size="sm"
          variant="secondary"
          fill="text"
          icon={collapsed ? 'angle-right' : 'angle-down'}
          aria-expanded={!collapsed}
          aria-controls={listId}
          aria-label={`${collapsed ? 'Show' : 'Hide'} the policies of ${group.title}`}
          onClick={() => setCollapsed(!collapsed)}
        />
        <Checkbox
          label={`${group.title} (${selected} of ${reviewable.length})`}
          value={reviewable.length > 0 && selected === reviewable.length}
          indeterminate={selected > 0 && selected < reviewable.length}
          disabled={reviewable.length === 0}
          onChange={() => actions.setPolicies(keys, selected < reviewable.length)}
        />
      </div>
      {!collapsed && (
        <ul id={listId} className={styles.policies} aria-label={`Policies of ${group.title}`}>
          {group.policies.map((policy) => (
            <PolicyItem
              key={policy.key}
              policy={policy}
              selected={isPolicySelected(selection, policy.key)}
              excludedRules={selection.excludedRules.get(policy.key)}
              actions={actions}
              showObserved={showObserved}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  group: css({ marginBottom: theme.spacing(1) }),
  header: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    fontWeight: theme.typography.fontWeightMedium,
    position: 'sticky',
    top: 0,
    zIndex: 1,
    background: theme.colors.background.primary,
  }),
  policies: css({ listStyle: 'none', margin: 0, padding: 0, paddingLeft: theme.spacing(3) }),
});
