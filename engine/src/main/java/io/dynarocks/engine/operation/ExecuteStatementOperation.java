package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.partiql.Plan;
import io.dynarocks.engine.partiql.Planner;
import io.dynarocks.engine.partiql.StatementRunner;
import io.dynarocks.protocol.operation.ExecuteStatementRequest;
import io.dynarocks.protocol.operation.ExecuteStatementResponse;
import io.dynarocks.protocol.partiql.NextToken;

/**
 * ExecuteStatement: one PartiQL statement, planned as the equivalent Query, Scan, PutItem, UpdateItem or
 * DeleteItem and run through that operation, so it reads, writes and charges capacity exactly as it does.
 */
public final class ExecuteStatementOperation implements Operation<ExecuteStatementRequest> {

    private final Planner planner;
    private final StatementRunner runner;

    public ExecuteStatementOperation(Engine engine) {
        this.planner = new Planner(engine);
        this.runner = new StatementRunner(engine);
    }

    @Override
    public ExecuteStatementResponse execute(ExecuteStatementRequest request) {
        Plan plan = planner.plan(request.statement(), request.returnConsumedCapacity());
        NextToken from = request.nextToken() == null || !(plan instanceof Plan.Select) ? null
                : NextToken.decode(request.nextToken());
        StatementRunner.Result result = runner.run(plan, request.limit(), from, request.statement().consistentRead(),
                request.returnConsumedCapacity());
        return new ExecuteStatementResponse(result.items(),
                result.nextToken() == null ? null : result.nextToken().encode(), result.lastEvaluatedKey(),
                result.consumedCapacity());
    }
}
