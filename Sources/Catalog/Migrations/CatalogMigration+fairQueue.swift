extension CatalogMigration {
    /// 9: the queue takes users in turn, and a job's result may land in a case of its own.
    /// - `jobs_turns`, `jobs_user_started`: the fair claim order (``Catalog/claimNextJob(node:leaseUntil:now:assignedOnly:)``)
    ///   numbers each user's waiting jobs per priority (in `jobs_turns` order, no sort) and asks,
    ///   for each user with a waiting job, how many jobs they have running and when their last
    ///   job started (an index look-up per user each).
    /// - `jobs.result_case_id`: the case a job's result was kept in when its user could no longer
    ///   write the input case (a new case of theirs); NULL: the input case (or no result).
    static let fairQueue = CatalogMigration(number: 9, name: "fair queue and kept job results", statements: [
        "CREATE INDEX jobs_turns ON jobs (state, user_id, priority, submitted_at, id)",
        "CREATE INDEX jobs_user_started ON jobs (user_id, started_at)",
        "ALTER TABLE jobs ADD COLUMN result_case_id TEXT",
    ])
}
