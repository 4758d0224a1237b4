namespace Gcore.Iam;

public partial class UserGroup
{
    private static readonly (int Id, string Name)[] Known =
    [
        (1, "Administrators"),
        (2, "Users"),
        (5, "Engineers"),
        (3009, "Purge and Prefetch only (API+Web)"),
        (3022, "Purge and Prefetch only (API)"),
    ];

    /// <summary>
    /// The groups (roles) Gcore defines for every account, by id: 1 Administrators, 2 Users,
    /// 5 Engineers, 3009 and 3022 (purge and prefetch only). Gcore's description lists their names
    /// but not their ids; the pairs are the live API's. Each call returns new instances.
    /// </summary>
    public static IReadOnlyList<UserGroup> KnownGroups => Known.Select(g => new UserGroup { Id = g.Id, Name = g.Name }).ToArray();

    /// <summary>The known group with <paramref name="id"/>, or null.</summary>
    /// <param name="id">A group id such as 1.</param>
    /// <returns>A new instance, or null for an id Gcore does not define for every account.</returns>
    public static UserGroup? FindKnown(int id) =>
        Known.Where(g => g.Id == id).Select(g => new UserGroup { Id = g.Id, Name = g.Name }).FirstOrDefault();

    /// <summary>The known group called <paramref name="name"/> (ignoring case), or null.</summary>
    /// <param name="name">A group name such as <c>Administrators</c>.</param>
    /// <returns>A new instance, or null.</returns>
    public static UserGroup? FindKnown(string name) =>
        Known.Where(g => string.Equals(g.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            .Select(g => new UserGroup { Id = g.Id, Name = g.Name }).FirstOrDefault();
}
