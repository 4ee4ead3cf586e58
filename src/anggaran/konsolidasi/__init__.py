"""National-scale consolidation: every satker's budget as columns (Parquet), rolled up,
checked and cut with set-based queries over all satkers at once.

- :mod:`.skema`: the datasets and their columns, in the field's terms;
- :mod:`.muat`: ADK archives (read by DuckDB straight from their ``.csv`` tables, the
  columns placed by the same evidence as the per-tree reader) and trees (the store's
  versions, any document) into those datasets;
- :mod:`.sql`: the queries, written once in DuckDB's SQL and transpiled by sqlglot to
  Spark SQL;
- :mod:`.mesin`: the engines that run them (DuckDB embedded; Spark for a cluster);
- :mod:`.aturan`: the rules as set-based queries, giving the per-tree rules' findings;
- :mod:`.agregat`: cut and drilldown in the shape of OpenSpending's aggregate API.

This layer sits between the services and the adapters: it reads archives through
``formats.adk`` and names findings through ``rules``.
"""
