import SQLKit

/// Typed column access with the catalog's storage conventions (BIGINT numbers and 0/1 flags).
extension SQLRow {
    func string(_ column: String) throws -> String { try decode(column: column, as: String.self) }
    func optionalString(_ column: String) throws -> String? { try decode(column: column, as: String?.self) }
    func int(_ column: String) throws -> Int64 { try decode(column: column, as: Int64.self) }
    func optionalInt(_ column: String) throws -> Int64? { try decode(column: column, as: Int64?.self) }
    func flag(_ column: String) throws -> Bool { try int(column) != 0 }
}
