/** A schema resource answer: the flows table (part of it) and one other table. */
export const flowsSchema = {
  tables: [
    {
      name: 'flows',
      columns: [
        { name: 'flowEndSeconds', type: 'DateTime' },
        { name: 'sourcePodName', type: 'String' },
        { name: 'sourcePodNamespace', type: 'LowCardinality(String)' },
        { name: 'destinationPodName', type: 'String' },
        { name: 'octetDeltaCount', type: 'UInt64' },
        { name: 'flowType', type: 'UInt8' },
      ],
    },
    {
      name: 'pods',
      columns: [
        { name: 'podName', type: 'String' },
        { name: 'labels', type: 'String' },
      ],
    },
  ],
};
