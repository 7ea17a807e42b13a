import React, { useMemo } from 'react';
import { css, cx } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { selectionCounts } from '../data/selectionCounts';
import { joinDocuments, selectionDocuments } from '../data/selectedYaml';
import { type PolicyReviewModel } from '../data/types';
import { type PolicyOptions } from '../types';
import { NoticeList } from './NoticeList';
import { PolicyList } from './PolicyList';
import { isSideBySide, minimumSize } from './reviewLayout';
import { ReviewToolbar } from './ReviewToolbar';
import { usePolicySelection } from './usePolicySelection';
import { YamlView } from './YamlView';

interface Props {
  model: PolicyReviewModel;
  options: PolicyOptions;
  width: number;
  height: number;
  /** The Download file name, template variables already interpolated. */
  fileName: string;
}

/** The review: notices, the selection's summary and actions, the policy list and the YAML it gives. */
export function PolicyReview({ model, options, width, height, fileName }: Props) {
  const styles = useStyles2(getStyles);
  const { selection, setPolicies, setRule, setAll } = usePolicySelection(options.initialSelection === 'all');
  const actions = useMemo(() => ({ setPolicies, setRule }), [setPolicies, setRule]);
  const documents = useMemo(() => selectionDocuments(model.policies, selection), [model.policies, selection]);
  const yaml = useMemo(() => joinDocuments(documents), [documents]);
  const counts = useMemo(() => selectionCounts(model.policies, selection), [model.policies, selection]);

  if (width < minimumSize.width || height < minimumSize.height) {
    return (
      <div className={styles.message} style={{ width, height }}>
        The policy review needs at least {minimumSize.width} × {minimumSize.height} px; this panel has{' '}
        {Math.floor(width)} × {Math.floor(height)} px.
      </div>
    );
  }
  if (model.policies.length === 0) {
    return (
      <div className={styles.panel} style={{ width, height }}>
        <NoticeList notices={model.notices} />
        <div className={styles.message}>
          No policies recommended: no connections to write policies for in this time range and these namespaces.
        </div>
      </div>
    );
  }
  return (
    <div className={styles.panel} style={{ width, height }}>
      <NoticeList notices={model.notices} />
      <ReviewToolbar counts={counts} yaml={yaml} fileName={fileName} onSelectAll={setAll} />
      <div className={cx(styles.body, isSideBySide(options.layout, width) ? styles.side : styles.stacked)}>
        <PolicyList groups={model.groups} selection={selection} actions={actions} showObserved={options.showObserved} />
        <YamlView documents={documents} />
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  panel: css({ display: 'flex', flexDirection: 'column', overflow: 'hidden' }),
  body: css({ display: 'flex', flex: 1, minHeight: 0, gap: theme.spacing(1), padding: theme.spacing(0, 1, 1) }),
  side: css({ flexDirection: 'row' }),
  stacked: css({ flexDirection: 'column' }),
  message: css({
    display: 'flex',
    flex: 1,
    alignItems: 'center',
    justifyContent: 'center',
    textAlign: 'center',
    padding: theme.spacing(1),
    color: theme.colors.text.secondary,
  }),
});
