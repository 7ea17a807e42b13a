/** What the JSON models of the query types without a form of their own hold; the README has the details. */
export const anomalyDetectionHelp =
  'metric (deniedFlows | throughput), endpoint (pod | podLabels | namespace | externalIP | service | cluster), window, history, method (meanStddev | medianMad | ewma | threshold), k, threshold (for the threshold method: the value a window must exceed), output (series | score | anomalies): see the datasource README.';

export const serviceMapHelp =
  'groupBy (workload | namespace | pod), maxNodes, foldBy, services, filters: see the datasource README.';
