namespace DevKafka;

/// <summary>
/// One librdkafka mock cluster: created with its brokers and topics in <see cref="Start"/>, destroyed on dispose.
/// Data lives in this process's memory only.
/// </summary>
/// <remarks>
/// librdkafka needs a client handle to own the cluster's thread and sockets; this handle is a producer that is never
/// given brokers or messages. Calls into the cluster are serialized because the up/down state kept here must match
/// what librdkafka was last told.
/// </remarks>
internal sealed class MockCluster : IDisposable
{
    private const int ErrorTextSize = 512;
    private readonly Lock _gate = new();
    private readonly int _brokerCount;
    private readonly IReadOnlyList<TopicSpec> _topics;
    private readonly bool[] _up;
    private IntPtr _handle;
    private IntPtr _cluster;

    public MockCluster(int brokerCount, IReadOnlyList<TopicSpec> topics)
    {
        _brokerCount = brokerCount;
        _topics = topics;
        _up = [.. Enumerable.Repeat(true, brokerCount)];
    }

    /// <summary>True once the brokers listen and every declared topic exists.</summary>
    public bool IsReady { get; private set; }

    /// <summary>The brokers' listeners, e.g. <c>127.0.0.1:40123,127.0.0.1:40125,127.0.0.1:40127</c>; empty before start.</summary>
    public string Bootstrap { get; private set; } = "";

    public IReadOnlyList<TopicSpec> Topics => _topics;

    /// <exception cref="InvalidOperationException">librdkafka refused the configuration, the cluster or a topic.</exception>
    public void Start()
    {
        lock (_gate)
        {
            _handle = CreateHandle();
            _cluster = SignalFreeThreads.Run(() => RdKafkaNative.MockClusterNew(_handle, _brokerCount));
            if (_cluster == IntPtr.Zero)
            {
                throw new InvalidOperationException($"librdkafka could not create a mock cluster of {_brokerCount} brokers.");
            }
            Bootstrap = RdKafkaNative.Text(RdKafkaNative.MockClusterBootstraps(_cluster));
            // Share groups are used by the committed-records reader only: every record from the start, as read_committed.
            RdKafkaNative.MockShareGroupSetIsolationLevel(_cluster, 1);
            RdKafkaNative.MockShareGroupSetAutoOffsetReset(_cluster, 1);
            var controller = RdKafkaNative.MockSetControllerId(_cluster, 1);
            if (controller != 0)
            {
                throw new InvalidOperationException($"librdkafka could not make broker 1 the controller: {RdKafkaNative.ErrorText(controller)}");
            }
            // Replication as a real cluster would do it, so a broker taken down leaves followers behind.
            var replication = Math.Min(3, _brokerCount);
            var nextLeader = 0;
            foreach (var topic in _topics)
            {
                var error = RdKafkaNative.MockTopicCreate(_cluster, topic.Name, topic.Partitions, replication);
                if (error != 0)
                {
                    throw new InvalidOperationException(
                        $"librdkafka could not create topic '{topic.Name}' with {topic.Partitions} partitions: {RdKafkaNative.ErrorText(error)}");
                }
                for (var partition = 0; partition < topic.Partitions; partition++, nextLeader++)
                {
                    SetLeader(topic.Name, partition, nextLeader % _brokerCount + 1);
                }
            }
            IsReady = true;
        }
    }

    /// <summary>Each broker's id (1..N) and whether it accepts connections.</summary>
    public IReadOnlyList<BrokerState> Brokers()
    {
        lock (_gate)
        {
            return [.. _up.Select((up, i) => new BrokerState(i + 1, up))];
        }
    }

    /// <summary>Takes a broker down or brings it back; false for an id that is not in the cluster.</summary>
    /// <exception cref="InvalidOperationException">The cluster is not running, or librdkafka refused the change.</exception>
    public bool SetBrokerUp(int id, bool up)
    {
        lock (_gate)
        {
            if (id < 1 || id > _brokerCount)
            {
                return false;
            }
            if (_cluster == IntPtr.Zero)
            {
                throw new InvalidOperationException("The mock cluster is not running.");
            }
            var error = up ? RdKafkaNative.MockBrokerSetUp(_cluster, id) : RdKafkaNative.MockBrokerSetDown(_cluster, id);
            if (error != 0)
            {
                throw new InvalidOperationException($"librdkafka could not set broker {id} {(up ? "up" : "down")}: {RdKafkaNative.ErrorText(error)}");
            }
            _up[id - 1] = up;
            return true;
        }
    }

    /// <summary>
    /// Makes broker <paramref name="id"/> the coordinator of consumer group <paramref name="group"/>, so a test can take
    /// other brokers down knowing the group still commits; false for an id that is not in the cluster.
    /// </summary>
    /// <exception cref="InvalidOperationException">The cluster is not running, or librdkafka refused the change.</exception>
    public bool SetGroupCoordinator(string group, int id)
    {
        lock (_gate)
        {
            if (id < 1 || id > _brokerCount)
            {
                return false;
            }
            if (_cluster == IntPtr.Zero)
            {
                throw new InvalidOperationException("The mock cluster is not running.");
            }
            var error = RdKafkaNative.MockCoordinatorSet(_cluster, "group", group, id);
            if (error != 0)
            {
                throw new InvalidOperationException($"librdkafka could not make broker {id} the coordinator of group '{group}': {RdKafkaNative.ErrorText(error)}");
            }
            return true;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            IsReady = false;
            if (_cluster != IntPtr.Zero)
            {
                RdKafkaNative.MockClusterDestroy(_cluster);
                _cluster = IntPtr.Zero;
            }
            if (_handle != IntPtr.Zero)
            {
                RdKafkaNative.Destroy(_handle);
                _handle = IntPtr.Zero;
            }
        }
    }

    /// <remarks>
    /// librdkafka picks a random leader per partition; a CI run once got every topic led by one broker, so a test that
    /// needs "another broker than the input's" found none. Leaders go round-robin over the brokers in declaration
    /// order instead (partition 0 of the first topic on broker 1), the way Kafka spreads a new topic's leaders.
    /// </remarks>
    private void SetLeader(string topic, int partition, int brokerId)
    {
        var error = RdKafkaNative.MockPartitionSetLeader(_cluster, topic, partition, brokerId);
        if (error != 0)
        {
            throw new InvalidOperationException(
                $"librdkafka could not make broker {brokerId} the leader of {topic}[{partition}]: {RdKafkaNative.ErrorText(error)}");
        }
    }

    private static IntPtr CreateHandle()
    {
        var conf = RdKafkaNative.ConfNew();
        var errorText = new byte[ErrorTextSize];
        // Errors only: the hosting handle has no bootstrap servers on purpose, and librdkafka warns about that.
        if (RdKafkaNative.ConfSet(conf, "log_level", "3", errorText, ErrorTextSize) != RdKafkaNative.ConfOk)
        {
            RdKafkaNative.ConfDestroy(conf);
            throw new InvalidOperationException($"librdkafka refused log_level=3: {RdKafkaNative.Text(errorText)}");
        }
        var handle = RdKafkaNative.New(RdKafkaNative.ProducerType, conf, errorText, ErrorTextSize);
        if (handle == IntPtr.Zero)
        {
            RdKafkaNative.ConfDestroy(conf);
            throw new InvalidOperationException($"librdkafka could not create the handle that hosts the mock cluster: {RdKafkaNative.Text(errorText)}");
        }
        return handle;
    }
}
