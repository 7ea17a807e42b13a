import React from 'react';
import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { type PolicySelection } from '../data/selection';
import { type PolicyGroup } from '../data/types';
import { NamespaceGroup } from './NamespaceGroup';
import { type SelectionActions } from './usePolicySelection';

interface Props {
  groups: PolicyGroup[];
  selection: PolicySelection;
  actions: Pick<SelectionActions, 'setPolicies' | 'setRule'>;
  showObserved: boolean;
}

/** The recommended policies, one group per namespace and one for the cluster-wide ones. */
export function PolicyList({ groups, selection, actions, showObserved }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <section className={styles.list} aria-label="Recommended policies">
      {groups.map((group) => (
        <NamespaceGroup
          key={group.namespace}
          group={group}
          selection={selection}
          actions={actions}
          showObserved={showObserved}
        />
      ))}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({
    flex: 1,
    minWidth: 0,
    minHeight: 0,
    overflow: 'auto',
    paddingRight: theme.spacing(0.5),
  }),
});
