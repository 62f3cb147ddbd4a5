using Microsoft.AspNetCore.SignalR;

namespace Sfera.Realtime;

/// <summary>
/// Addressing events to people. Each connection joins its person's group when it opens, and events go to those
/// groups: SignalR finds a group's connections by name, so an event to 30 people costs 30 lookups. (Its
/// <c>Clients.Users</c> instead compares every open connection on the node with the list, which at thousands of
/// connections costs more than everything else a send does.) With Redis, a group is one channel, as a user is.
/// </summary>
public static class Recipients
{
    public static string PersonGroup(Guid accountId) => "p:" + accountId.ToString("N");

    public static T People<T>(this IHubClients<T> clients, IEnumerable<Guid> accountIds) =>
        clients.Groups(accountIds.Select(PersonGroup).ToList());
}
