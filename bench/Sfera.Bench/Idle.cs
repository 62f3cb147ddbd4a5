namespace Sfera.Bench;

public static class Idle
{
    public static Task RunAsync(ServerProcess server, ServerCpu cpu, Options o) => throw new NotImplementedException();
}
